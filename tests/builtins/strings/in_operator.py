print("ell" in "hello", "xyz" in "hello")  # expect: True False
print("" in "abc")  # expect: True
print("ö" in "wörld", "ö" not in "world")  # expect: True True
