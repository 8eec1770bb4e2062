# Seed 004 ("Python asyncio Basics", Case 2): three threads wait in parallel
# (about 2 s in all).  It prints nothing.
from concurrent.futures import ThreadPoolExecutor
import time

def task(name):
    time.sleep(2)
    return name

with ThreadPoolExecutor(3) as t:
    t.map(task, ["A", "B", "C"])
