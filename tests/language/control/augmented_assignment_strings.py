s = "ab"
s *= 2
s += "!"
print(s)  # expect: abab!
