class A:
    def f(self, x):
        return x


A().f()  # expect runtime error: TypeError: A.f() missing 1 required positional argument: 'x'
