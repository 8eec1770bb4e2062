# A generator that yields again after GeneratorExit makes close() fail.
def stubborn():
    try:
        yield "value"
    except GeneratorExit:
        print("ignoring GeneratorExit")
    yield "again"
    print("resumed after failed close")

g = stubborn()
print(next(g))  # expect: value
try:
    g.close()
except RuntimeError as e:
    print("RuntimeError:", e)
# expect: ignoring GeneratorExit
# expect: RuntimeError: generator ignored GeneratorExit
# The generator is still suspended at the second yield; it can be resumed.
print(next(g, "finished"))
# expect: resumed after failed close
# expect: finished

# Uncaught, the RuntimeError ends the program.
g2 = stubborn()
next(g2)
g2.close()  # expect runtime error: RuntimeError: generator ignored GeneratorExit
# expect: ignoring GeneratorExit
