print([x * x for x in range(5) if x % 2 == 0])  # expect: [0, 4, 16]
print({k: len(k) for k in ["a", "bb"]})  # expect: {'a': 1, 'bb': 2}
