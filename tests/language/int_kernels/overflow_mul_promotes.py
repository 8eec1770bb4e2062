# * leaving the small-int range turns into a big int with python3's value.
def product(a, b):
    r = 0
    for _ in range(1):
        r = a * b
    return r


print(product(2**31, 2**31))  # expect: 4611686018427387904
print(product(2**31, -2**31))  # expect: -4611686018427387904
print(product(-2**31, -2**31))  # expect: 4611686018427387904
print(product(2**31 - 1, 2**31 + 1))  # expect: 4611686018427387903
print(product(-2**62, 1))  # expect: -4611686018427387904
print(product(-2**62, -1))  # expect: 4611686018427387904
print(product(2**62 - 1, -1))  # expect: -4611686018427387903
print(product(2**62 - 1, 2))  # expect: 9223372036854775806
print(product(-2**61, 2))  # expect: -4611686018427387904
print(product(-2**61, -2))  # expect: 4611686018427387904
print(product(3037000499, 3037000499))  # expect: 9223372030926249001
print(product(0, -2**62))  # expect: 0


def factorials(n):
    f = 1
    total = 0
    for k in range(1, n + 1):
        f *= k
        total += f % 1000003
    return f, total


print(factorials(20))  # expect: (2432902008176640000, 4389869)
print(factorials(21))  # expect: (51090942171709440000, 5131843)
print(factorials(30))  # expect: (265252859812191058636308480000000, 8552660)


def powers(base, n):
    p = 1
    for _ in range(n):
        p = p * base
    return p


print(powers(3, 39))  # expect: 4052555153018976267
print(powers(3, 40))  # expect: 12157665459056928801
print(powers(-7, 23))  # expect: -27368747340080916343
