# A token works once, only with its own variable, only in its own context.
import contextvars

a = contextvars.ContextVar("a")
b = contextvars.ContextVar("b")
t = a.set(1)
try:
    b.reset(t)
except ValueError as e:
    print(str(e).endswith("was created by a different ContextVar"))   # expect: True
ctx = contextvars.copy_context()
t_other = ctx.run(a.set, 2)
try:
    a.reset(t_other)
except ValueError as e:
    print(str(e).endswith("was created in a different Context"))      # expect: True
a.reset(t)
try:
    a.reset(t)
except RuntimeError as e:
    print(str(e).startswith("<Token used var=<ContextVar name='a'"), str(e).endswith("has already been used once"))   # expect: True True
try:
    a.reset("token")
except TypeError as e:
    print(e)   # expect: expected an instance of Token, got 'token'
try:
    contextvars.Token()
except RuntimeError as e:
    print(e)   # expect: Tokens can only be created by ContextVars
