# A callback added before completion runs in the thread that completes the
# future: for a pool call, the worker thread.
import threading
import time
from concurrent.futures import ThreadPoolExecutor

where = []
with ThreadPoolExecutor(1, thread_name_prefix="cb") as ex:
    f = ex.submit(time.sleep, 0.1)
    f.add_done_callback(lambda fut: where.append(threading.current_thread().name))
print(where)   # expect: ['cb_0']
