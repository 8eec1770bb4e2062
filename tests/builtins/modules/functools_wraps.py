# wraps copies the wrapped function's name, qualname and attributes to the
# wrapper and sets __wrapped__.
import functools

def logged(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        print("calling", fn.__name__)
        return fn(*args, **kwargs)
    return wrapper

@logged
def add(a, b):
    return a + b

add.tag = "math"

class C:
    @logged
    def method(self):
        return "m"

print(add(1, 2))                 # expect: calling add
# expect: 3
print(add.__name__, add.__qualname__)   # expect: add add
print(add.__wrapped__(5, 6))     # expect: 11
print(C().method())              # expect: calling method
# expect: m
print(C.method.__qualname__)     # expect: C.method

def marked():
    pass
marked.flag = True
w = functools.update_wrapper(lambda: None, marked)
print(w.__name__, w.flag, w.__wrapped__ is marked)   # expect: marked True True
print(functools.WRAPPER_ASSIGNMENTS)   # expect: ('__module__', '__name__', '__qualname__', '__doc__', '__annotations__')
print(functools.WRAPPER_UPDATES)       # expect: ('__dict__',)
