# An exception in a done callback is logged and swallowed; later callbacks
# still run.
from concurrent.futures import Future

f = Future()
def bad(fut):
    raise RuntimeError("in callback")
f.add_done_callback(bad)
f.add_done_callback(lambda fut: print("second callback ran"))
f.set_result(1)     # expect: second callback ran
print(f.result())   # expect: 1
# expect stderr: exception calling callback for
# expect stderr: RuntimeError: in callback
