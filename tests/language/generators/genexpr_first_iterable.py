# The first iterable of a generator expression is evaluated at once;
# the rest (and all conditions) are evaluated lazily.
def source(name, items):
    print("evaluating", name)
    return items

g = (x + y for x in source("outer", [1, 2]) for y in source("inner", [10, 20]))
# expect: evaluating outer
print("genexpr created")  # expect: genexpr created
print(list(g))
# expect: evaluating inner
# expect: evaluating inner
# expect: [11, 21, 12, 22]

# iter() is called on the first iterable at once, too.
try:
    g = (x for x in 42)
except TypeError as e:
    print("at creation:", e)  # expect: at creation: 'int' object is not iterable

# An error in a later iterable appears only when the genexpr runs.
g = (x for x in [1] for y in 42)
print("no error yet")  # expect: no error yet
try:
    next(g)
except TypeError as e:
    print("at next:", e)  # expect: at next: 'int' object is not iterable

# An error while computing the first iterable is raised at the genexpr.
def broken():
    raise ValueError("first iterable")
try:
    g = (x for x in broken())
except ValueError as e:
    print("raised:", e)  # expect: raised: first iterable

# A name lookup in the first iterable happens at once; rebinding later
# changes nothing for that iterable.
data = [1, 2, 3]
g = (v for v in data)
data = [9]
print(list(g))  # expect: [1, 2, 3]
# A name used in the element expression is looked up lazily.
factor = 1
g = (v * factor for v in [1, 2])
factor = 100
print(list(g))  # expect: [100, 200]
