class Point:
    def __init__(self):
        self.x = 1


p = Point()
print(p.x)  # expect: 1
print(hasattr(p, "x"), hasattr(p, "z"), getattr(p, "z", "default"))  # expect: True False default
p.z  # expect runtime error: AttributeError: 'Point' object has no attribute 'z'
