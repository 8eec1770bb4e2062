# Literals at and beyond the small-int limit inside a loop body.
def add_limit(n):
    x = 0
    for i in range(n):
        x = x + 4611686018427387903
    return x


def add_past_limit(n):
    x = 0
    for i in range(n):
        x = x + 4611686018427387904
    return x


def neg_limit(n):
    x = 0
    for i in range(n):
        x = -4611686018427387904 + i
    return x


def folded(n):
    x = 0
    for i in range(n):
        x += 2**61 - i
    return x


print(add_limit(1), add_limit(2))  # expect: 4611686018427387903 9223372036854775806
print(add_past_limit(1), add_past_limit(0))  # expect: 4611686018427387904 0
print(neg_limit(1), neg_limit(3))  # expect: -4611686018427387904 -4611686018427387902
print(folded(1), folded(2), folded(3))  # expect: 2305843009213693952 4611686018427387903 6917529027641081853
