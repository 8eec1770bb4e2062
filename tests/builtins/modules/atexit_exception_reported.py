# An exception in an atexit callback is reported on stderr and the other
# callbacks still run; the exit status stays 0.
import atexit

def bad():
    raise ValueError("boom")

atexit.register(print, "first registered, last run")
atexit.register(bad)
atexit.register(print, "last registered, first run")
# expect: last registered, first run
# expect: first registered, last run
# expect stderr: Exception ignored in atexit callback: <function bad at
# expect stderr: Traceback (most recent call last):
# expect stderr:     raise ValueError("boom")
# expect stderr: ValueError: boom
