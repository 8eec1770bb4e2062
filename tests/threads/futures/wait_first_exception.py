# wait(return_when=FIRST_EXCEPTION) returns when a future raises.
import time
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait

def fail():
    time.sleep(0.05)
    raise OSError("disk")

with ThreadPoolExecutor(3) as ex:
    fs = [ex.submit(time.sleep, 0.4), ex.submit(fail), ex.submit(time.sleep, 0.4)]
    done, not_done = wait(fs, return_when=FIRST_EXCEPTION)
    print([repr(f.exception()) for f in done])   # expect: ["OSError('disk')"]
    print(len(not_done))                          # expect: 2
