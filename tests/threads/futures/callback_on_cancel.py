# Cancelling a future runs its done callbacks too.
from concurrent.futures import Future

f = Future()
f.add_done_callback(lambda fut: print("callback, cancelled =", fut.cancelled()))
f.cancel()   # expect: callback, cancelled = True
