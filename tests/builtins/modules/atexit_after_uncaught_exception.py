# The callbacks run even when the main module ends with an uncaught
# exception (after its traceback); the exit status is the exception's.
import atexit

atexit.register(print, "cleanup")
print("start")   # expect: start
raise KeyError("oops")   # expect runtime error: KeyError: 'oops'
# expect: cleanup
