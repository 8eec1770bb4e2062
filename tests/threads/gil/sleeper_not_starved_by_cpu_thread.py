# A CPU-bound thread must hand the GIL over: a thread that sleeps 0.05 s five
# times finishes while a CPU-bound thread is still spinning.  The spinner
# stops once the sleeper is done, or after 3 s: if it never let go of the
# GIL, the sleeper could not finish before that (robust on a loaded machine,
# where wall-clock bounds near 0.25 s are not).
import threading
import time

order = []
done = []
lock = threading.Lock()

def cpu():
    end = time.monotonic() + 3.0
    x = 0
    while time.monotonic() < end and not done:
        for i in range(1000):
            x += i
    with lock:
        order.append("cpu")

def sleeper():
    for _ in range(5):
        time.sleep(0.05)
    with lock:
        order.append("sleeper")
    done.append(True)

start = time.perf_counter()
a = threading.Thread(target=cpu)
b = threading.Thread(target=sleeper)
a.start()
b.start()
b.join()
sleeper_elapsed = time.perf_counter() - start
a.join()
print(order)                    # expect: ['sleeper', 'cpu']
print(sleeper_elapsed < 2.5)    # expect: True
