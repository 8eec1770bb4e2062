class Base:
    pass


class Derived(Base):
    def __init__(self):
        self.a = 1
        self.b = "two"


d = Derived()
print(Derived.__name__, d.__class__.__name__)  # expect: Derived Derived
print(Derived.__bases__)  # expect: (<class '__main__.Base'>,)
print(Derived.__mro__)  # expect: (<class '__main__.Derived'>, <class '__main__.Base'>, <class 'object'>)
print(d.__dict__)  # expect: {'a': 1, 'b': 'two'}
print(d.__class__ is Derived, Derived.__module__)  # expect: True __main__
