# Kernels in methods, static methods, class methods and nested functions.
class Acc:
    def __init__(self, base):
        self.base = base

    def digits(self, n):
        count = 0
        while n:
            n //= 10
            count += 1
        return count

    def tri(self, n):
        s = 0
        for i in range(n):
            s += i
        return s + self.base

    @staticmethod
    def isqrt(n):
        x = n
        y = (x + 1) // 2
        while y < x:
            x = y
            y = (x + n // x) // 2
        return x

    @classmethod
    def mix(cls, a, b):
        for i in range(8):
            a, b = b ^ (a << 3) & 0xFFFFFFFF, a
        return cls.__name__, a, b


acc = Acc(7)
print(acc.digits(2**62 - 1), acc.digits(12345), acc.tri(100))  # expect: 19 5 4957
print(Acc.isqrt(10**18), Acc.isqrt(2**62 - 1), Acc.isqrt(99))  # expect: 1000000000 2147483647 9
print(Acc.mix(1, 2), acc.mix(-5, 2**40))  # expect: ('Acc', 21237761, 2629634) ('Acc', -4212371461, 1103796109312)


def outer(n):
    def inner(m):
        p = 1
        for i in range(1, m + 1):
            p = p * i % 1000000007
        return p
    return inner(n), inner(n * 2)


print(outer(50))  # expect: (318608048, 437918130)
