# A thread's name can be changed, before or while it runs.
import threading

ev = threading.Event()
seen = []
def worker():
    ev.wait()
    seen.append(threading.current_thread().name)

t = threading.Thread(target=worker)
t.name = "renamed"
t.start()
t.name = "renamed again"
ev.set()
t.join()
print(seen)   # expect: ['renamed again']
print(t.name)   # expect: renamed again
