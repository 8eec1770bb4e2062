class Base:
    @classmethod
    def make(cls):
        return cls.__name__ + " made"


class Child(Base):
    @classmethod
    def make(cls):
        return "child: " + super().make()


print(Child.make())  # expect: child: Child made
