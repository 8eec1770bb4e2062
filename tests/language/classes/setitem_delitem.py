class Store:
    def __init__(self):
        self.data = {}

    def __setitem__(self, k, v):
        print("set", k, v)
        self.data[k] = v

    def __getitem__(self, k):
        return self.data[k]

    def __delitem__(self, k):
        print("del", k)
        del self.data[k]


s = Store()
s["a"] = 1  # expect: set a 1
print(s["a"])  # expect: 1
del s["a"]  # expect: del a
print(s.data)  # expect: {}
