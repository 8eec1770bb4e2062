for i in range(10):
    if i * i > 20:
        print("first", i)
        break
else:
    print("no break")
for i in range(3):
    pass
else:
    print("else after", i)
# expect: first 5
# expect: else after 2
