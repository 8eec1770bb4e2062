s = "hello"
print(s[0], s[4], s[-1], s[-5])  # expect: h o o h
