s = "héllo wörld"
print(len(s))  # expect: 11
print(s[1])  # expect: é
print(s[7], s[-4])  # expect: ö ö
print(s[-1])  # expect: d
e = "a😀b"
print(e[1], e[2], len(e))  # expect: 😀 b 3
