# Seed 004 ("what about GIL in this scenerio", Threads + GIL, "But for CPU
# work"): the notes' cpu_task holds the GIL, so three threads running it take
# as long as running it three times in a row: "No speedup".
# The notes give only the function; this runs it both ways (best of three
# runs each, as the machine may be busy) and compares.
# Scaled down: the notes count to 10_000_000; this counts to 1_000_000.
import threading
import time

def cpu_task():
    x = 0
    for _ in range(1_000_000):
        x += 1

def sequential():
    for _ in range(3):
        cpu_task()

def threaded():
    threads = [threading.Thread(target=cpu_task) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

best = {}
for _ in range(3):
    for way in (sequential, threaded):
        start = time.perf_counter()
        way()
        elapsed = time.perf_counter() - start
        best[way] = min(best.get(way, elapsed), elapsed)

print("Threads gave a speedup:", best[threaded] < 0.5 * best[sequential])
