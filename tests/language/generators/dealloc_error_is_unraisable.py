# A generator freed while suspended is closed; an exception its finally block
# raises then cannot propagate: it is printed as "Exception ignored in" and
# the program goes on.
def g():
    try:
        yield 1
    finally:
        raise ValueError("in finally")


x = g()
print(next(x))  # expect: 1
del x
print("after")  # expect: after
# expect stderr: Exception ignored in: <generator object g at
# expect stderr: Traceback (most recent call last):
# expect stderr: line 8, in g
# expect stderr: ValueError: in finally
