# Three time.sleep(0.3) calls through to_thread under gather overlap: about
# 0.3 s, where calling time.sleep in the coroutines takes 0.9 s.
import asyncio
import time

def task(name):
    time.sleep(0.3)
    return name

async def main():
    start = time.perf_counter()
    names = await asyncio.gather(*(asyncio.to_thread(task, n) for n in "ABC"))
    elapsed = time.perf_counter() - start
    print(names)                  # expect: ['A', 'B', 'C']
    print(0.28 < elapsed < 0.7)   # expect: True

asyncio.run(main())
