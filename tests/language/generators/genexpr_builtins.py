# A generator expression as the sole argument of a call needs no extra parens.
print(sum(x * x for x in range(10)))  # expect: 285
s = "hello"
print("".join(c.upper() for c in s))  # expect: HELLO
print(tuple(n for n in range(4)))  # expect: (0, 1, 2, 3)
print(sorted(w.lower() for w in ["b", "C", "a"]))  # expect: ['a', 'b', 'c']
print(max(len(w) for w in ["ab", "abcd", "a"]))  # expect: 4
print(min(abs(v) for v in [-5, 3, -1]))  # expect: 1
print(dict((k, v) for k, v in zip("abc", range(3))))  # expect: {'a': 0, 'b': 1, 'c': 2}
print(sorted(set(x % 3 for x in range(10))))  # expect: [0, 1, 2]
print(list(x for x in "abc"))  # expect: ['a', 'b', 'c']
print(any(x > 5 for x in range(3)), all(x < 5 for x in range(3)))  # expect: False True
print(sum((x for x in range(4)), 100))  # expect: 106
print(max((x for x in []), default="empty"))  # expect: empty
print(", ".join(str(i) for i in range(3)))  # expect: 0, 1, 2
print(list(enumerate(c for c in "xy")))  # expect: [(0, 'x'), (1, 'y')]
print(sorted((x for x in [3, 1, 2]), reverse=True))  # expect: [3, 2, 1]
print(frozenset(c for c in "aab") == frozenset("ab"))  # expect: True
def total(it):
    return sum(it)
print(total(i for i in range(5)))  # expect: 10
print(len(list(i for i in range(1000))))  # expect: 1000
