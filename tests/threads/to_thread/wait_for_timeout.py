# wait_for around to_thread times out at the await; the thread itself cannot
# be interrupted and runs to its end (asyncio.run waits for it on shutdown).
import asyncio
import time

def slow():
    time.sleep(0.3)
    print("thread finished anyway")

async def main():
    try:
        await asyncio.wait_for(asyncio.to_thread(slow), timeout=0.1)
    except asyncio.TimeoutError:
        print("timed out")

asyncio.run(main())
print("after run")
# expect: timed out
# expect: thread finished anyway
# expect: after run
