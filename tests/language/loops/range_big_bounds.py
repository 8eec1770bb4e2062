# Bounds past the inline small-int range take the generic iterator path.
n = 0
for i in range(2**62, 2**62 + 3):
    n += 1
    last = i
print(n, last)  # expect: 3 4611686018427387906
