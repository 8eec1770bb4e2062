# Loops that look like kernels but touch globals, or run at module level.
counter = 0
step = 3


def bump(n):
    global counter
    for i in range(n):
        counter += step * i
    return counter


print(bump(4), bump(4), counter)  # expect: 18 36 36
step = 2**61
print(bump(3), counter)  # expect: 6917529027641081892 6917529027641081892


def read_global(n):
    s = 0
    for i in range(n):
        s += step
    return s


print(read_global(1), read_global(3))  # expect: 2305843009213693952 6917529027641081856
step = 5
print(read_global(3))  # expect: 15

total = 0
for i in range(10):
    total = total * 10 + i
print(total, i)  # expect: 123456789 9
x = 2**62 - 2
while x < 2**62 + 2:
    x += 1
print(x)  # expect: 4611686018427387906


class Body:
    acc = 0
    for k in range(5):
        acc = acc * 2 + k


print(Body.acc, Body.k)  # expect: 26 4
