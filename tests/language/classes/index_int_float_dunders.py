class Num:
    def __int__(self):
        return 42

    def __float__(self):
        return 2.5


n = Num()
print(int(n), float(n))  # expect: 42 2.5
