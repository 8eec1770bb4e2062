# atexit handlers run after the non-daemon threads have finished.
import atexit
import threading
import time

atexit.register(lambda: print("atexit handler"))

def worker():
    time.sleep(0.15)
    print("worker done")

threading.Thread(target=worker).start()
print("main module ends")
# expect: main module ends
# expect: worker done
# expect: atexit handler
