# a, b = b, a + b evaluates every value before assigning any name.
def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


print(fib(10), fib(90), fib(91))  # expect: 55 2880067194370816120 4660046610375530309
print(fib(92), fib(93))  # expect: 7540113804746346429 12200160415121876738
print(fib(100))  # expect: 354224848179261915075


def swap(a, b, n):
    for _ in range(n):
        a, b = b, a
    return a, b


print(swap(1, 2, 3), swap(1, 2, 4))  # expect: (2, 1) (1, 2)


def three_way(n):
    x, y, z = 1, 2, 3
    for i in range(n):
        x, y, z = y - i, z * 2, x + y + z
    return x, y, z


print(three_way(5), three_way(70))  # expect: (58, 138, 156) (8195708394628393027965125, 18600412974312467594109176, 21107105460324193998852288)
