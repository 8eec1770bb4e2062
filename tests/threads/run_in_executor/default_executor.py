# loop.run_in_executor(None, fn, *args) uses the loop's default thread pool.
import asyncio
import threading

def work(a, b):
    return a * b, threading.current_thread().name

async def main():
    loop = asyncio.get_running_loop()
    fut = loop.run_in_executor(None, work, 6, 7)
    print(isinstance(fut, asyncio.Future))   # expect: True
    print(await fut)                         # expect: (42, 'asyncio_0')

asyncio.run(main())
