class Key:
    def __init__(self, k):
        self.k = k

    def __eq__(self, other):
        return isinstance(other, Key) and self.k == other.k

    def __hash__(self):
        return hash(self.k)


d = {Key(1): "one", Key(2): "two"}
print(d[Key(2)])  # expect: two
print(Key(1) == Key(1), Key(1) != Key(1), Key(1) == 1)  # expect: True False False
print(len({Key(3), Key(3), Key(4)}))  # expect: 2
