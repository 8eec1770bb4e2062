print(len("日本語"))  # expect: 3
print(len("😀"))  # expect: 1
print(len(""))  # expect: 0
print(len("naïve café"))  # expect: 10
