print(0 or "x", "" and 1, None or 0, 1 and 2)  # expect: x  0 2
print([] or [1], "a" or "b", 0 and 1/0)  # expect: [1] a 0
print(None or None)  # expect: None
