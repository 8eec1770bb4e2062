print(2 in [1, 2], 2 in (1, 2), 2 in {2: 0}, 2 in range(3), "b" in "abc")  # expect: True True True True True
print(3 not in [1, 2])  # expect: True
