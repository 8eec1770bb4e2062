# A recursive function taking the same RLock at every level, from two threads.
import threading

r = threading.RLock()
out = []

def walk(tag, n):
    with r:
        if n == 0:
            return
        out.append((tag, n))
        walk(tag, n - 1)

threads = [threading.Thread(target=walk, args=(tag, 3)) for tag in "ab"]
for t in threads:
    t.start()
for t in threads:
    t.join()
# each thread's three entries are contiguous: the lock was held throughout.
print(sorted(out))   # expect: [('a', 1), ('a', 2), ('a', 3), ('b', 1), ('b', 2), ('b', 3)]
first = out[0][0]
print(out[:3] == [(first, 3), (first, 2), (first, 1)])   # expect: True
