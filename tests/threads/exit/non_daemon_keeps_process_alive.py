# The process waits for non-daemon threads after the main module ends.
import threading
import time

def worker():
    time.sleep(0.2)
    print("worker done")

threading.Thread(target=worker).start()
print("main module ends")
# expect: main module ends
# expect: worker done
