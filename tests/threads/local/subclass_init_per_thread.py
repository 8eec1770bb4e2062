# A local subclass runs __init__ (with the constructor's arguments) once in
# every thread that touches it.
import threading

class Counter(threading.local):
    def __init__(self, start):
        self.n = start

c = Counter(10)
c.n += 1
out = []

def worker():
    c.n += 5
    out.append(c.n)

t = threading.Thread(target=worker)
t.start()
t.join()
print(out)   # expect: [15]
print(c.n)   # expect: 11
