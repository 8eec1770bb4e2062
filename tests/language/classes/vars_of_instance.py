class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


p = Point(1, 2)
print(vars(p))  # expect: {'x': 1, 'y': 2}
vars(p)["z"] = 3
print(p.z)  # expect: 3
