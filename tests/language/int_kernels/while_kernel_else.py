# A while kernel runs its else when the condition turns false, not after
# break; the locals are stored either way.
def collatz(n, cap):
    steps = 0
    peak = n
    while n != 1:
        if steps == cap:
            break
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        peak = n if n > peak else peak
        steps += 1
    else:
        steps += 1000
    return n, steps, peak


print(collatz(27, 500))  # expect: (1, 1111, 9232)
print(collatz(27, 10))  # expect: (214, 10, 214)
print(collatz(1, 10))  # expect: (1, 1000, 1)
print(collatz(2**62 - 1, 3))  # expect: (20752587082923245566, 3, 20752587082923245566)


def gcd(a, b):
    while b:
        a, b = b, a % b
    else:
        a = -a if a < 0 else a
    return a


print(gcd(1071, 462), gcd(-48, 18), gcd(2**62 - 1, 2**31 - 1), gcd(0, 0))  # expect: 21 6 2147483647 0
