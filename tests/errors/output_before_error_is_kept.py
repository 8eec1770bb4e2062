for i in range(3):
    print(i)
# expect: 0
# expect: 1
# expect: 2
xs = []
print(xs[0])  # expect runtime error: IndexError: list index out of range
