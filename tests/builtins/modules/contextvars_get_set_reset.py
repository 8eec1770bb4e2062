# get() falls back to the argument, then the variable's default, then raises
# LookupError; set() returns a Token that reset() uses to undo it.
import contextvars

var = contextvars.ContextVar("var", default="d")
plain = contextvars.ContextVar("plain")
print(var.name, var.get(), var.get("arg"))   # expect: var d arg
t1 = var.set("one")
t2 = var.set("two")
print(var.get(), var.get("arg"))            # expect: two two
print(t1.var is var, t1.old_value is contextvars.Token.MISSING, t2.old_value)   # expect: True True one
var.reset(t2)
print(var.get())                            # expect: one
var.reset(t1)
print(var.get())                            # expect: d
print(plain.get(None))                      # expect: None
try:
    plain.get()
except LookupError as e:
    print(type(e).__name__, e.args[0] is plain)   # expect: LookupError True
