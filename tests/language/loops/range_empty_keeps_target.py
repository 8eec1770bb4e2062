i = "unchanged"
for i in range(0):
    pass
print(i)  # expect: unchanged
for i in range(5, 2):
    pass
print(i)  # expect: unchanged
