# The task run_coroutine_threadsafe makes runs in a copy of the submitting
# thread's context.
import asyncio
import contextvars
import threading

var = contextvars.ContextVar("var", default="default")

async def read():
    return var.get()

def loop_thread(loop):
    var.set("loop thread")
    loop.run_forever()

loop = asyncio.new_event_loop()
t = threading.Thread(target=loop_thread, args=(loop,))
t.start()
print(asyncio.run_coroutine_threadsafe(read(), loop).result(timeout=5))   # expect: default
var.set("main thread")
print(asyncio.run_coroutine_threadsafe(read(), loop).result(timeout=5))   # expect: main thread
loop.call_soon_threadsafe(loop.stop)
t.join()
loop.close()
