# notify(n) wakes at most n waiters; the others keep waiting.
import threading
import time

cond = threading.Condition()
woke = []

def waiter(i):
    with cond:
        if cond.wait(timeout=0.4):
            woke.append(i)

threads = [threading.Thread(target=waiter, args=(i,)) for i in range(3)]
for t in threads:
    t.start()
time.sleep(0.1)
with cond:
    cond.notify(2)
for t in threads:
    t.join()
print(len(woke))   # expect: 2
