def f():
    for i in range(3):
        pass
    return i
print(f())  # expect: 2
for j in range(10, 0, -3):
    print(j)
print(j)
# expect: 10
# expect: 7
# expect: 4
# expect: 1
# expect: 1
