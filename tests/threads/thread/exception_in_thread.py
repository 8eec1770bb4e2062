# An uncaught exception in a thread prints "Exception in thread NAME:" and the
# traceback on stderr; the thread ends, the main thread goes on, exit status 0.
import threading

def boom():
    raise ValueError("bad value")

t = threading.Thread(target=boom)
t.start()
t.join()
print("main goes on")        # expect: main goes on
print(t.is_alive())          # expect: False
# expect stderr: Exception in thread Thread-1 (boom):
# expect stderr: Traceback (most recent call last):
# expect stderr: in boom
# expect stderr: raise ValueError("bad value")
# expect stderr: ValueError: bad value
