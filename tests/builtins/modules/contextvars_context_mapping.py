# A Context is a read-only mapping from variables to values.
import contextvars

a = contextvars.ContextVar("a")
b = contextvars.ContextVar("b", default=5)
a.set(1)
ctx = contextvars.copy_context()
print(len(ctx), a in ctx, b in ctx)   # expect: 1 True False
print(ctx[a], ctx.get(a), ctx.get(b), ctx.get(b, "x"))   # expect: 1 1 None x
print(list(ctx) == [a], list(ctx.keys()) == [a], list(ctx.values()), list(ctx.items()) == [(a, 1)])   # expect: True True [1] True
try:
    ctx[b]
except KeyError as e:
    print(e.args[0] is b)   # expect: True
try:
    ctx["a"]
except TypeError as e:
    print(e)   # expect: a ContextVar key was expected, got 'a'
try:
    "a" in ctx
except TypeError as e:
    print(e)   # expect: a ContextVar key was expected, got 'a'
print(type(ctx).__name__, type(a).__name__, type(a.set(2)).__name__)   # expect: Context ContextVar Token
