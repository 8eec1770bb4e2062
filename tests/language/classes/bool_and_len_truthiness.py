class Empty:
    def __len__(self):
        return 0


class Falsy:
    def __bool__(self):
        return False


class Plain:
    pass


print(bool(Empty()), bool(Falsy()), bool(Plain()))  # expect: False False True
if not Empty():
    print("empty")  # expect: empty
print(len(Empty()))  # expect: 0
