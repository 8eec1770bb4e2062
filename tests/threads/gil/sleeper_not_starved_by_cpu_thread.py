# A CPU-bound thread must hand the GIL over: a thread that sleeps 0.05 s five
# times finishes long before the 0.8 s CPU-bound thread does.
import threading
import time

order = []
lock = threading.Lock()

def cpu():
    end = time.monotonic() + 0.8
    x = 0
    while time.monotonic() < end:
        for i in range(1000):
            x += i
    with lock:
        order.append("cpu")

def sleeper():
    for _ in range(5):
        time.sleep(0.05)
    with lock:
        order.append("sleeper")

start = time.perf_counter()
a = threading.Thread(target=cpu)
b = threading.Thread(target=sleeper)
a.start()
b.start()
b.join()
sleeper_elapsed = time.perf_counter() - start
a.join()
print(order)                    # expect: ['sleeper', 'cpu']
print(sleeper_elapsed < 0.6)    # expect: True
