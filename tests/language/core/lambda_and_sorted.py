words = ["ccc", "a", "bb"]
print(sorted(words, key=lambda w: len(w)))  # expect: ['a', 'bb', 'ccc']
