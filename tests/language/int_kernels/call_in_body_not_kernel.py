# Bodies with a call, an attribute, a subscript or a non-int result are left
# to the generic loop; their results are python3's.
def with_call(n):
    s = 0
    for i in range(n):
        s += abs(i - 3)
    return s


print(with_call(7))  # expect: 12


def with_list(n):
    xs = [0, 1]
    s = 0
    for i in range(n):
        s += xs[i % 2] * i
    return s


print(with_list(10))  # expect: 25


def compare_value(n):
    c = 0
    for i in range(n):
        c = c + (i > 3)
    return c, type(c).__name__


print(compare_value(8))  # expect: (4, 'int')


def not_value(n):
    v = 0
    for i in range(n):
        v = not v
    return v


print(not_value(3), not_value(4))  # expect: True False


def bool_ops_value(a, b, n):
    r = 0
    for i in range(n):
        r = a and b or i
    return r


print(bool_ops_value(0, 5, 3), bool_ops_value(2, 0, 3), bool_ops_value(2, 7, 3))  # expect: 2 2 7


def matmul_like(n):
    s = 0
    for i in range(n):
        s = divmod(s * 10 + i, 97)[1]
    return s


print(matmul_like(50))  # expect: 89
