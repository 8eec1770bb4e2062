print(r"a\nb")  # expect: a\nb
print(r'\d+')  # expect: \d+
