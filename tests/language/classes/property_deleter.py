class Box:
    def __init__(self):
        self._v = 1

    def get_v(self):
        return self._v

    def del_v(self):
        print("deleting")
        self._v = None

    v = property(get_v, None, del_v, "the value")


b = Box()
print(b.v)  # expect: 1
del b.v  # expect: deleting
print(b.v)  # expect: None
print(Box.v.__doc__)  # expect: the value
