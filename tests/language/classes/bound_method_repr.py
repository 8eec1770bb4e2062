class Point:
    def move(self):
        pass


p = Point()
r = repr(p.move)
print(r.startswith("<bound method Point.move of <__main__.Point object at 0x"))  # expect: True
m = p.move
print(m.__self__ is p, m.__func__ is Point.move, m == p.move)  # expect: True True True
print(Point.move.__name__, Point.move.__qualname__)  # expect: move Point.move
