# The first send() to a just-started generator must be None.
def gen():
    print("body runs")
    x = yield 1
    print("x =", x)
    yield 2

g = gen()
try:
    g.send(5)
except TypeError as e:
    print("TypeError:", e)  # expect: TypeError: can't send non-None value to a just-started generator
# The failed send did not start the generator: it can still start normally.
print(g.send(None))
# expect: body runs
# expect: 1
print(g.send("hello"))
# expect: x = hello
# expect: 2
g2 = gen()
g2.send("oops")  # expect runtime error: TypeError: can't send non-None value to a just-started generator
