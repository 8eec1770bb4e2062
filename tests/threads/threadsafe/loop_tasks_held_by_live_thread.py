# python: skip loop-thread (CPython lets any thread run the loop)
# While the thread a loop's suspended tasks started in is alive, another
# thread cannot run the loop; once it has ended, it can.
import asyncio
import threading

loop = asyncio.new_event_loop()
ev = asyncio.Event()
task = loop.create_task(ev.wait())
stopped = threading.Event()
release = threading.Event()

def first():
    loop.call_soon(loop.stop)
    loop.run_forever()
    stopped.set()
    release.wait()

t = threading.Thread(target=first)
t.start()
stopped.wait()
try:
    loop.run_until_complete(task)
except RuntimeError as e:
    print(e)   # expect: Cannot run the event loop in this thread: it has tasks suspended in another thread that is still alive
release.set()
t.join()
loop.call_soon(ev.set)
print(loop.run_until_complete(task))   # expect: True
loop.close()
