n = -1
print(1 << n)  # expect runtime error: ValueError: negative shift count
