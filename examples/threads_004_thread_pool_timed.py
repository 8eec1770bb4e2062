# Seed 004 ("Python asyncio Basics", Case 2: "I hire helpers"): three threads
# wait in parallel, so the total is one wait, not three.  The notes' program
# prints nothing; this copy prints map's results and the total time.
# Scaled down: the notes sleep 2 s per task (total about 2 s); this sleeps 0.5 s.
from concurrent.futures import ThreadPoolExecutor
import time

def task(name):
    time.sleep(0.5)
    return name

start = time.perf_counter()
with ThreadPoolExecutor(3) as t:
    print(list(t.map(task, ["A", "B", "C"])))
print(f"Total {time.perf_counter() - start:.2f} seconds")
