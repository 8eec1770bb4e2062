# copy_context() snapshots the current values: later changes on either side
# are not seen by the other.
import contextvars

v = contextvars.ContextVar("v", default=0)
v.set(1)
ctx = contextvars.copy_context()
v.set(2)
print(ctx[v], v.get())    # expect: 1 2
ctx.run(v.set, 3)
print(ctx[v], v.get())    # expect: 3 2
copy = ctx.copy()
ctx.run(v.set, 4)
print(copy[v], ctx[v])    # expect: 3 4
print(copy == contextvars.copy_context(), copy.copy() == copy, copy.copy() is copy)   # expect: False True False
print(contextvars.Context() == contextvars.Context(), len(contextvars.Context()))      # expect: True 0
