# ContextVar's constructor and methods check their arguments.
import contextvars

try:
    contextvars.ContextVar()
except TypeError as e:
    print(e)   # expect: ContextVar() takes exactly 1 positional argument (0 given)
try:
    contextvars.ContextVar(1)
except TypeError as e:
    print(e)   # expect: context variable name must be a str
v = contextvars.ContextVar("v", default=None)
try:
    v.get(1, 2)
except TypeError as e:
    print(e)   # expect: get expected at most 1 argument, got 2
try:
    v.set()
except TypeError as e:
    print(e)   # expect: ContextVar.set() takes exactly one argument (0 given)
try:
    v.name = "w"
except AttributeError as e:
    print(e)   # expect: readonly attribute
try:
    contextvars.Context(1)
except TypeError as e:
    print(e)   # expect: Context() does not accept any arguments
print(repr(v).startswith("<ContextVar name='v' default=None at 0x"))   # expect: True
