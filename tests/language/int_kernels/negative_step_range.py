# Kernels over ranges with negative and large steps.
def walk(start, stop, step):
    s = 0
    c = 0
    for i in range(start, stop, step):
        s = s * 3 + i
        c += 1
    return s, c, i


print(walk(10, 0, -1))  # expect: (280483, 10, 1)
print(walk(10, -11, -4))  # expect: (2924, 6, -10)
print(walk(5, 4, -1))  # expect: (5, 1, 5)
print(walk(2**62 - 1, -2**62, -(2**62 - 1)))  # expect: (36893488147419103224, 3, -4611686018427387903)
print(walk(-2**62, 2**62 - 1, 2**62 - 1))  # expect: (-36893488147419103237, 3, 4611686018427387902)
print(walk(100, -100, -37))  # expect: (29777, 6, -85)


def countdown_overflow(n):
    x = 1
    for i in range(n, 0, -1):
        x = x * i
    return x


print(countdown_overflow(25))  # expect: 15511210043330985984000000
