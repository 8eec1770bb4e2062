# A consumer waits on a Condition until the producer changes the state and
# notifies.
import threading
import time

cond = threading.Condition()
items = []
got = []

def consumer():
    with cond:
        while not items:
            cond.wait()
        got.append(items.pop())

t = threading.Thread(target=consumer)
t.start()
time.sleep(0.05)
with cond:
    items.append("apple")
    cond.notify()
t.join()
print(got)   # expect: ['apple']
