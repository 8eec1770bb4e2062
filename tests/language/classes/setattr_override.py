class Logged:
    def __setattr__(self, name, value):
        print("set", name, value)
        object.__setattr__(self, name, value)


o = Logged()
o.a = 1  # expect: set a 1
print(o.a)  # expect: 1
setattr(o, "b", 2)  # expect: set b 2
print(o.__dict__)  # expect: {'a': 1, 'b': 2}
