t = (1,)
print(t[1])  # expect runtime error: IndexError: tuple index out of range
