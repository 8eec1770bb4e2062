print("ab" * 3)  # expect: ababab
print(3 * "x")  # expect: xxx
print(repr("ab" * 0), repr("ab" * -2))  # expect: '' ''
print("日" * 2)  # expect: 日日
