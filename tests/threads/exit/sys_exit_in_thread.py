# sys.exit() in a thread ends only that thread, silently: SystemExit is not
# reported and the process goes on.
import sys
import threading

def worker():
    sys.exit(3)
    print("not reached")

t = threading.Thread(target=worker)
t.start()
t.join()
print("still running")   # expect: still running
