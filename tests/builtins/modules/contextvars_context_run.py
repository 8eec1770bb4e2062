# Context.run(fn, *args, **kwargs) runs fn with the context current: what
# fn sets stays in that context; a context cannot be entered twice at once.
import contextvars

v = contextvars.ContextVar("v", default="outer")
ctx = contextvars.Context()

def body(x, y=0):
    v.set("inside")
    return x + y, v.get()

print(ctx.run(body, 1, y=2))   # expect: (3, 'inside')
print(v.get(), ctx[v])         # expect: outer inside
print(ctx.run(v.get))          # expect: inside

def nested():
    return ctx.run(v.get)

try:
    ctx.run(nested)
except RuntimeError as e:
    print(str(e).startswith("cannot enter context:"), str(e).endswith("is already entered"))   # expect: True True
try:
    ctx.run()
except TypeError as e:
    print(e)   # expect: run() missing 1 required positional argument
try:
    ctx.run(1 / 0)
except ZeroDivisionError as e:
    print(e)   # expect: division by zero
print(ctx.run(contextvars.copy_context)[v])   # expect: inside
