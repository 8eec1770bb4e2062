x = 7
print("odd" if x % 2 else "even")  # expect: odd
print(1 if x > 5 else 2 if x > 0 else 3)  # expect: 1
y = "neg" if -x > 0 else "nonneg"
print(y)  # expect: nonneg
