print("first")
x = 1
y = 2
z = x +  # expect error: invalid syntax
