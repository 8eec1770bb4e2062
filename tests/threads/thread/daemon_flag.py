# daemon: a constructor argument; by default inherited from the creating
# thread (the main thread is not a daemon); settable only before start().
import threading

ev = threading.Event()
print(threading.main_thread().daemon)                   # expect: False
print(threading.Thread(target=ev.wait).daemon)          # expect: False
print(threading.Thread(target=ev.wait, daemon=True).daemon)  # expect: True
t = threading.Thread(target=ev.wait)
t.daemon = True
print(t.daemon)       # expect: True
t.start()
try:
    t.daemon = False
except RuntimeError as e:
    print(e)          # expect: cannot set daemon status of active thread
ev.set()
t.join()
