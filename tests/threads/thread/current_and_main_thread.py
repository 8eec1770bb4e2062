# current_thread() and main_thread(): the same object in the main thread,
# different objects in a worker.
import threading

print(threading.main_thread().name)                          # expect: MainThread
print(threading.current_thread() is threading.main_thread()) # expect: True
out = []
def worker():
    out.append(threading.current_thread() is threading.main_thread())
    out.append(threading.main_thread().name)
    out.append(threading.main_thread().is_alive())

t = threading.Thread(target=worker)
t.start()
t.join()
print(out)   # expect: [False, 'MainThread', True]
