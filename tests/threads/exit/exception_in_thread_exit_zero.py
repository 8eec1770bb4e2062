# An uncaught exception in a thread does not change the exit status, even
# when the main module ends first.
import threading
import time

def boom():
    time.sleep(0.1)
    raise RuntimeError("late failure")

threading.Thread(target=boom).start()
print("main module ends")   # expect: main module ends
# exit: 0
# expect stderr: Exception in thread Thread-1 (boom):
# expect stderr: RuntimeError: late failure
