# to_thread uses the loop's default executor, whose threads are named
# asyncio_N.
import asyncio
import threading

def name():
    return threading.current_thread().name

async def main():
    print(await asyncio.to_thread(name))   # expect: asyncio_0

asyncio.run(main())
