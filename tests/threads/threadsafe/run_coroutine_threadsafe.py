# asyncio.run_coroutine_threadsafe submits a coroutine to a loop running in
# another thread and returns a concurrent.futures.Future.
import asyncio
import concurrent.futures
import threading

async def add(a, b):
    await asyncio.sleep(0.05)
    return a + b, threading.current_thread().name

def loop_thread(loop):
    asyncio.set_event_loop(loop)
    loop.run_forever()

loop = asyncio.new_event_loop()
t = threading.Thread(target=loop_thread, args=(loop,), name="loop-thread")
t.start()

fut = asyncio.run_coroutine_threadsafe(add(2, 3), loop)
print(isinstance(fut, concurrent.futures.Future))   # expect: True
print(fut.result(timeout=2))                        # expect: (5, 'loop-thread')

loop.call_soon_threadsafe(loop.stop)
t.join()
loop.close()
