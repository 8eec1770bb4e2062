# A call submitted while a worker is idle reuses that worker instead of
# starting a new thread.
import threading
import time
from concurrent.futures import ThreadPoolExecutor

names = []
with ThreadPoolExecutor(4, thread_name_prefix="w") as ex:
    for _ in range(4):
        names.append(ex.submit(lambda: threading.current_thread().name).result())
        time.sleep(0.05)   # let the worker go back to idle
print(names)   # expect: ['w_0', 'w_0', 'w_0', 'w_0']
