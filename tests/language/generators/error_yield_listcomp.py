# yield inside a comprehension is a compile-time error, even in a function.
def f():
    return [(yield i) for i in range(3)]  # expect error: 'yield' inside list comprehension
print("never printed")
