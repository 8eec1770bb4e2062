# atexit callbacks run after the main module, last registered first, with
# the arguments they were registered with.
import atexit

def show(*args, **kwargs):
    print("exit", args, kwargs)

atexit.register(show, 1)
atexit.register(show, 2, key="v")
atexit.register(print, "printed", "at", "exit", sep="-")
print("main ends")
# expect: main ends
# expect: printed-at-exit
# expect: exit (2,) {'key': 'v'}
# expect: exit (1,) {}
