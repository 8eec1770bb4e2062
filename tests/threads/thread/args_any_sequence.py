# args may be any iterable (a list here), not only a tuple.
import threading

out = []
t = threading.Thread(target=lambda *a: out.append(a), args=[1, "x", None])
t.start()
t.join()
print(out)   # expect: [(1, 'x', None)]
