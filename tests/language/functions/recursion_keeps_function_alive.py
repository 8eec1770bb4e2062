# Recursive calls through the function's own global name take no reference
# of their own; the function must stay alive and intact across many of them.
def count(n):
    if n == 0:
        return 0
    return 1 + count(n - 1)


total = 0
for _ in range(50):
    total += count(100)
junk = [[i] for i in range(2000)]  # reuses any memory freed by mistake
print(total, count.__name__, count(3))  # expect: 5000 count 3
