class Greeter:
    def hello(self):
        return "hello"
class Loud(Greeter):
    pass
g = Loud()
print(g.hello())  # expect: hello
def shout(self):
    return "HELLO"
Greeter.hello = shout
print(g.hello())  # expect: HELLO
Loud.hello = lambda self: "loud"
print(g.hello())  # expect: loud
del Loud.hello
print(g.hello())  # expect: HELLO
Greeter.extra = 5
print(g.extra, Loud.extra)  # expect: 5 5
