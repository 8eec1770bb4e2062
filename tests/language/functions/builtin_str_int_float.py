print(str(12) + "3", int("12") + 3, float("1.5") + 1)  # expect: 123 15 2.5
print(int(str(2 ** 80)) == 2 ** 80)  # expect: True
