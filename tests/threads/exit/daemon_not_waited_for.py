# A daemon thread does not keep the process alive: it is stopped at exit, so
# its late print never happens.
import threading
import time

def worker():
    print("daemon started")
    time.sleep(3)
    print("daemon finished")

threading.Thread(target=worker, daemon=True).start()
time.sleep(0.1)
print("main module ends")
# expect: daemon started
# expect: main module ends
