s = "abcdefgh"
print(s[::-1])  # expect: hgfedcba
print(s[1:7:2])  # expect: bdf
print(s[::3])  # expect: adg
print(s[6:1:-2])  # expect: gec
