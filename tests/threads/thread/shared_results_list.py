# Threads write into a shared list by index; the main thread reads it after
# join (the usual way to get results out of threads).
import threading

def square(i, out):
    out[i] = i * i

out = [None] * 8
threads = [threading.Thread(target=square, args=(i, out)) for i in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(out)   # expect: [0, 1, 4, 9, 16, 25, 36, 49]
