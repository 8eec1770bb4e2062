# python: skip deadlock (CPython waits forever)
# Once the last thread that could wake the loop has ended, a loop that can
# never run again reports the deadlock.
import asyncio
import threading
import time

async def main():
    fut = asyncio.get_running_loop().create_future()
    threading.Thread(target=time.sleep, args=(0.1,)).start()
    await fut   # expect runtime error: RuntimeError: deadlock: every task is waiting and nothing can wake them up (no ready callback, no timer, no I/O, no other thread); waiting: Task-1 (main())

asyncio.run(main())
