class Base:
    def __repr__(self):
        return "Base()"

    def __len__(self):
        return 1


class Child(Base):
    def __len__(self):
        return 2


print(Child(), len(Child()), len(Base()))  # expect: Base() 2 1
