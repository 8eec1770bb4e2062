# Each thread has its own "current exception": a thread handling an exception
# does not see the main thread's, and vice versa.
import sys
import threading

ready = threading.Event()
done = threading.Event()
seen = []

def worker():
    seen.append(sys.exc_info()[0])
    try:
        raise KeyError("k")
    except KeyError:
        ready.set()
        done.wait()
        seen.append(sys.exc_info()[0].__name__)

t = threading.Thread(target=worker)
try:
    raise ValueError("v")
except ValueError:
    t.start()
    ready.wait()
    print(sys.exc_info()[0].__name__)   # expect: ValueError
    done.set()
    t.join()
print(seen)   # expect: [None, 'KeyError']
