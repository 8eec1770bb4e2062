# asyncio.to_thread(fn, *args, **kwargs) runs fn in a worker thread and
# returns its result to the awaiting coroutine.
import asyncio
import threading

def work(a, b, scale=1):
    return (a + b) * scale, threading.current_thread() is threading.main_thread()

async def main():
    print(await asyncio.to_thread(work, 2, 3, scale=10))   # expect: (50, False)
    print(threading.current_thread().name)                  # expect: MainThread

asyncio.run(main())
