# Generator-expression variables do not leak into the enclosing scope.
x = "outer x"
g = (x for x in range(3))
print(list(g))  # expect: [0, 1, 2]
print(x)  # expect: outer x

def f():
    total = sum(i for i in range(4))
    try:
        print(i)
    except NameError as e:
        print("NameError:", e)
    return total
print(f())
# expect: NameError: name 'i' is not defined
# expect: 6

# The genexpr sees variables of the enclosing function (a closure).
def scaled(items, k):
    return list(v * k for v in items)
print(scaled([1, 2], 3))  # expect: [3, 6]

# ... including those bound after the genexpr was created.
def late():
    g = (v + offset for v in range(2))
    offset = 10
    return list(g)
print(late())  # expect: [10, 11]

# At class level, only the first iterable sees class variables.
class C:
    items = [1, 2]
    doubled = list(v * 2 for v in items)
print(C.doubled)  # expect: [2, 4]
class D:
    k = 3
    try:
        r = list(v * k for v in [1])
    except NameError as e:
        r = "NameError: " + str(e)
print(D.r)  # expect: NameError: name 'k' is not defined

# Walrus in a genexpr binds in the enclosing scope.
def find():
    if any((hit := n) > 2 for n in [1, 5, 7]):
        return hit
print(find())  # expect: 5
