# Worker threads are named PREFIX_N; without a prefix,
# ThreadPoolExecutor-K_N where K counts the executors made without a prefix
# (one made with a prefix takes no number).
import threading
import time
from concurrent.futures import ThreadPoolExecutor

def name(_):
    time.sleep(0.05)    # keep each worker busy so that three are started
    return threading.current_thread().name

with ThreadPoolExecutor(3, thread_name_prefix="pool") as ex:
    print(sorted(set(ex.map(name, range(3)))))   # expect: ['pool_0', 'pool_1', 'pool_2']
with ThreadPoolExecutor(2) as ex:
    print(sorted(set(ex.map(name, range(2)))))   # expect: ['ThreadPoolExecutor-0_0', 'ThreadPoolExecutor-0_1']
with ThreadPoolExecutor(1) as ex:
    print(ex.submit(name, 0).result())           # expect: ThreadPoolExecutor-1_0
