i = 0
while i < 10:
    if i == 2:
        break
    i += 1
else:
    print("not printed")
print(i)  # expect: 2
