# A loop blocked in a long timer wait is woken by call_soon_threadsafe: the
# callback runs at about 0.1 s, not when the 1 s sleep ends.
import asyncio
import threading
import time

async def main():
    loop = asyncio.get_running_loop()
    start = time.perf_counter()
    ran_at = []

    def callback():
        ran_at.append(time.perf_counter() - start)
        sleeper.cancel()

    sleeper = asyncio.create_task(asyncio.sleep(1))
    threading.Timer(0.1, loop.call_soon_threadsafe, args=(callback,)).start()
    try:
        await sleeper
    except asyncio.CancelledError:
        print("sleep cut short")        # expect: sleep cut short
    print(0.09 < ran_at[0] < 0.5)       # expect: True

asyncio.run(main())
