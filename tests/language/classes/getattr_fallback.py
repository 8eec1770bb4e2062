class Proxy:
    def __init__(self, target):
        self.target = target

    def __getattr__(self, name):
        return "missing:" + name


p = Proxy(1)
print(p.target)  # expect: 1
print(p.anything)  # expect: missing:anything
print(getattr(p, "other"))  # expect: missing:other
