class Outer:
    class Inner:
        pass


print(Outer.Inner)  # expect: <class '__main__.Outer.Inner'>
print(Outer.Inner.__qualname__, Outer.Inner.__name__)  # expect: Outer.Inner Inner
