class Point:
    def __init__(self, x):
        self.x = x

    def __eq__(self, other):
        return self.x == other.x


print(Point(1) == Point(1))  # expect: True
hash(Point(1))  # expect runtime error: TypeError: unhashable type: 'Point'
