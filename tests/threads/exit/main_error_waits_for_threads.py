# An uncaught exception in the main module prints its traceback, then the
# process still waits for non-daemon threads, and exits 1.
import threading
import time

def worker():
    time.sleep(0.2)
    print("worker done")

threading.Thread(target=worker).start()
print("raising")   # expect: raising
# expect: worker done
# expect runtime error: ValueError: main failed
raise ValueError("main failed")
