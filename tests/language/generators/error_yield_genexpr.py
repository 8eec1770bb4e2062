# yield inside a generator expression is a compile-time error.
def f(items):
    return list((yield x) for x in items)  # expect error: 'yield' inside generator expression
print("never printed")
