i = 0
while i < 3:
    print(i)
    i += 1
else:
    print("done")
# expect: 0
# expect: 1
# expect: 2
# expect: done
