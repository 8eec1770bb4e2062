class A:
    def f(self):
        return "method"


a = A()
print(a.f())  # expect: method
a.f = lambda: "instance"
print(a.f())  # expect: instance
