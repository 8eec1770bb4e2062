d = {"k": 1}
d["k"] += 10
xs = [1, 2]
xs[0] *= 3
xs[-1] -= 5
print(d, xs)  # expect: {'k': 11} [3, -3]
