# Nested for-clauses and if-clauses in generator expressions.
pairs = ((x, y) for x in range(3) for y in range(x))
print(list(pairs))  # expect: [(1, 0), (2, 0), (2, 1)]

odd_squares = (n * n for n in range(10) if n % 2 if n > 3)
print(list(odd_squares))  # expect: [25, 49, 81]

grid = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print(list(v for row in grid for v in row if v % 3 != 0))  # expect: [1, 2, 4, 5, 7, 8]

words = ["ab", "cde", "f"]
print(list(c for w in words if len(w) > 1 for c in w))  # expect: ['a', 'b', 'c', 'd', 'e']

# Tuple unpacking in the target.
d = {"a": 1, "b": 2}
print(list(f"{k}={v}" for k, v in d.items()))  # expect: ['a=1', 'b=2']
print(list(a * b for a, (b, c) in [(1, (2, 3)), (4, (5, 6))]))  # expect: [2, 20]

# A conditional expression as the element.
print(list("even" if n % 2 == 0 else "odd" for n in range(3)))  # expect: ['even', 'odd', 'even']

# A genexpr nested in the element of another.
print(list(list(x * y for y in range(3)) for x in range(1, 3)))  # expect: [[0, 1, 2], [0, 2, 4]]

# Three for-clauses.
print(sum(1 for a in range(3) for b in range(3) for c in range(3) if a < b < c))  # expect: 1
# A genexpr can be iterated only once.
g = (x for x in range(3))
print(list(g), list(g))  # expect: [0, 1, 2] []
