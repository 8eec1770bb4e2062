# sys.exit in a callback is reported like any exception and does not change
# the exit status.
import atexit
import sys

atexit.register(print, "still runs")
atexit.register(sys.exit, 3)
print("main")   # expect: main
# expect: still runs
# expect stderr: Exception ignored in atexit callback: <built-in function exit>
# expect stderr: SystemExit: 3
