# current_thread() inside a thread is that thread: its name is visible there.
import threading

seen = []
def worker():
    seen.append(threading.current_thread().name)

for name in ("alpha", None):
    t = threading.Thread(target=worker, name=name)
    t.start()
    t.join()
print(seen)   # expect: ['alpha', 'Thread-1 (worker)']
