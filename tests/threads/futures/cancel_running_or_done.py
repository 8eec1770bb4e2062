# A running or finished future cannot be cancelled.
import threading
from concurrent.futures import ThreadPoolExecutor

started = threading.Event()
release = threading.Event()

def task():
    started.set()
    release.wait()
    return "done"

with ThreadPoolExecutor(1) as ex:
    f = ex.submit(task)
    started.wait()
    print(f.running(), f.cancel())   # expect: True False
    release.set()
    print(f.result())                # expect: done
    print(f.cancel(), f.cancelled()) # expect: False False
