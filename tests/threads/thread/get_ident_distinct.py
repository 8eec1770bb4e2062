# get_ident() is an int, different in every thread alive at the same time.
import threading

go = threading.Event()
started = threading.Semaphore(0)
lock = threading.Lock()
idents = []
def worker():
    with lock:
        idents.append(threading.get_ident())
    started.release()
    go.wait()

threads = [threading.Thread(target=worker) for _ in range(4)]
for t in threads:
    t.start()
for _ in threads:
    started.acquire()
go.set()
for t in threads:
    t.join()
idents.append(threading.get_ident())
print(len(set(idents)))                                # expect: 5
print(all(isinstance(i, int) for i in idents))         # expect: True
print(sorted(t.ident for t in threads) == sorted(idents[:4]))   # expect: True
