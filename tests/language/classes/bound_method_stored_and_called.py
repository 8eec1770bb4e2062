class Greeter:
    def __init__(self, name):
        self.name = name

    def hello(self, punct="!"):
        return "hello " + self.name + punct


f = Greeter("ann").hello
print(f(), f("?"))  # expect: hello ann! hello ann?
print(list(map(Greeter("bo").hello, [".", "!"])))  # expect: ['hello bo.', 'hello bo!']
print(Greeter.hello(Greeter("cy")))  # expect: hello cy!
