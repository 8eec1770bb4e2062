# Calling run() directly runs the target in the calling thread, not a new one.
import threading

where = []
def worker():
    where.append(threading.current_thread().name)

t = threading.Thread(target=worker, name="never-started")
t.run()
print(where)          # expect: ['MainThread']
print(t.is_alive())   # expect: False
