xs = []
xs.append(1)
xs.append("two")
xs.append([3])
print(xs, len(xs))  # expect: [1, 'two', [3]] 3
