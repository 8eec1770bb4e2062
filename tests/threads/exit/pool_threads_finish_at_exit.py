# Work submitted to a pool that is never shut down still completes before the
# process exits.
import time
from concurrent.futures import ThreadPoolExecutor

def task(i):
    time.sleep(0.1)
    print(f"task {i} done")

ex = ThreadPoolExecutor(1)
ex.submit(task, 1)
ex.submit(task, 2)
print("main module ends")
# expect: main module ends
# expect: task 1 done
# expect: task 2 done
