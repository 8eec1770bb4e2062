class Pizza:
    size_default = 30

    def __init__(self, size):
        self.size = size

    @staticmethod
    def area(d):
        return d * d

    @classmethod
    def default(cls):
        return cls(cls.size_default)


p = Pizza.default()
print(p.size)  # expect: 30
print(Pizza.area(3), p.area(4))  # expect: 9 16


class Small(Pizza):
    size_default = 20


s = Small.default()
print(type(s).__name__, s.size)  # expect: Small 20
