xs = [1, 2, 3]
xs[0] = 9
xs[-1] = "z"
print(xs)  # expect: [9, 2, 'z']
