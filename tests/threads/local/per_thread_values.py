# threading.local: each thread sees only its own attributes.
import threading

data = threading.local()
data.x = "main"
seen = []

def worker(v):
    seen.append(hasattr(data, "x"))
    data.x = v
    seen.append(data.x)

threads = [threading.Thread(target=worker, args=(f"t{i}",)) for i in range(2)]
for t in threads:
    t.start()
    t.join()
print(seen)     # expect: [False, 't0', False, 't1']
print(data.x)   # expect: main
