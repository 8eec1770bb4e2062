a = "ab" + "c"
b = "abc"
print(a == b)  # expect: True
print(a is None)  # expect: False
