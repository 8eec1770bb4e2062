def mid():
    print("mid")
    return 5
print(1 < mid() < 10)
# expect: mid
# expect: True
print(10 < mid() < 20)
# expect: mid
# expect: False
