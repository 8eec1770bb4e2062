# unregister removes every registration of a function (compared with ==);
# unregistering a function never registered is not an error.
import atexit

def a():
    print("a")

def b():
    print("b")

atexit.register(a)
atexit.register(b)
atexit.register(a)
atexit.unregister(a)
atexit.unregister(print)
print("main ends")   # expect: main ends
# expect: b
