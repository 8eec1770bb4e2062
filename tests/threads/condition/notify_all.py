# notify_all wakes every waiter.
import threading
import time

cond = threading.Condition()
go = False
woke = []

def waiter(i):
    with cond:
        while not go:
            cond.wait()
        woke.append(i)

threads = [threading.Thread(target=waiter, args=(i,)) for i in range(4)]
for t in threads:
    t.start()
time.sleep(0.1)
with cond:
    go = True
    cond.notify_all()
for t in threads:
    t.join()
print(sorted(woke))   # expect: [0, 1, 2, 3]
