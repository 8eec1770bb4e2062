class Base:
    def greet(self):
        return "hello from Base"


class Child(Base):
    def greet(self):
        return super().greet() + " via Child"


class GrandChild(Child):
    def greet(self):
        return super().greet() + " via GrandChild"


print(GrandChild().greet())  # expect: hello from Base via Child via GrandChild
