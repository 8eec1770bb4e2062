class C:
    pass
c = C()
c.n = 1
c.n += 41
d = {"k": [1]}
d["k"] += [2]
d["k"][0] *= 10
print(c.n, d)  # expect: 42 {'k': [10, 2]}
try:
    c.m += 1
except AttributeError as e:
    print(e)  # expect: 'C' object has no attribute 'm'
try:
    d["z"] -= 1
except KeyError as e:
    print(repr(e))  # expect: KeyError('z')
print(d)  # expect: {'k': [10, 2]}
