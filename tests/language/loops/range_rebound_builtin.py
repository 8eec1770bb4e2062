def range(n):
    return ["a", "b"][:n]
for x in range(5):
    print(x)
# expect: a
# expect: b
