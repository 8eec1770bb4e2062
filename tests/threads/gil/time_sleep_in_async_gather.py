# The classic mistake: time.sleep inside async def blocks the loop, so three
# such coroutines under gather run one after another: about 0.9 s.
import asyncio
import time

async def task(name):
    print(f"Start {name}")
    time.sleep(0.3)
    print(f"End {name}")

async def main():
    start = time.perf_counter()
    await asyncio.gather(task("A"), task("B"), task("C"))
    elapsed = time.perf_counter() - start
    print(0.85 < elapsed < 1.5)

asyncio.run(main())
# expect: Start A
# expect: End A
# expect: Start B
# expect: End B
# expect: Start C
# expect: End C
# expect: True
