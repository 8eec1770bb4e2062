# A thread created inside a daemon thread is a daemon by default.
import threading

flags = []
def inner():
    pass

def outer():
    flags.append(threading.current_thread().daemon)
    t = threading.Thread(target=inner)
    flags.append(t.daemon)
    t.start()
    t.join()

t = threading.Thread(target=outer, daemon=True)
t.start()
t.join()
print(flags)   # expect: [True, True]
