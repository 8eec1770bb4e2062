# An exception in the submitted coroutine comes back through the future;
# result(timeout) on a slow coroutine raises TimeoutError, and cancelling the
# future cancels the task.
import asyncio
import threading

async def fail():
    raise LookupError("missing")

async def slow(log):
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        log.append("task cancelled")
        raise

loop = asyncio.new_event_loop()
t = threading.Thread(target=loop.run_forever)
t.start()

f = asyncio.run_coroutine_threadsafe(fail(), loop)
try:
    f.result(timeout=2)
except LookupError as e:
    print("raised", repr(e))   # expect: raised LookupError('missing')

log = []
f = asyncio.run_coroutine_threadsafe(slow(log), loop)
try:
    f.result(timeout=0.1)
except TimeoutError:
    print("timed out")         # expect: timed out
print(f.cancel())              # expect: True
loop.call_soon_threadsafe(loop.stop)
t.join()
loop.run_until_complete(asyncio.sleep(0))   # let the cancellation finish
print(log)                     # expect: ['task cancelled']
loop.close()
