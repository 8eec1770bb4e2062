class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


Point(1, 2, 3)  # expect runtime error: TypeError: Point.__init__() takes 3 positional arguments but 4 were given
