class Bad:
    def __len__(self):
        return -1


len(Bad())  # expect runtime error: ValueError: __len__() should return >= 0
