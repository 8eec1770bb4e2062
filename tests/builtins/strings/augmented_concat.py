s = ""
i = 0
while i < 5:
    s += str(i)
    i += 1
print(s)  # expect: 01234
