print("a" < "b", "abc" == "abc", "abc" != "abd")  # expect: True True True
print("Z" < "a", "é" > "z")  # expect: True True
print("ab" < "abc", "" < "a")  # expect: True True
print("b" >= "abc")  # expect: True
