# Four threads each add 1 to a shared counter 20,000 times under a lock.
import threading

counter = 0
lock = threading.Lock()

def add():
    global counter
    for _ in range(20000):
        with lock:
            counter += 1

threads = [threading.Thread(target=add) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(counter)   # expect: 80000
