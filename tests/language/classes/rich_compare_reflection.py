class Only:
    def __init__(self, v):
        self.v = v

    def __gt__(self, other):
        return self.v > other.v


print(Only(1) < Only(2), Only(3) < Only(2))  # expect: True False
