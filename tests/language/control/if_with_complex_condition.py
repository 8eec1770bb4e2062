x = 5
y = 0
if x > 3 and (y == 0 or 1 / y > 1) and not x == 4:
    print("yes")  # expect: yes
