s = "abcdefgh"
print(s[2:5])  # expect: cde
print(s[:3], s[5:])  # expect: abc fgh
print(s[-3:])  # expect: fgh
print(s[:-3])  # expect: abcde
print(s[:])  # expect: abcdefgh
