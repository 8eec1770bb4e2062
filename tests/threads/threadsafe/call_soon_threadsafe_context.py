# A callback handed over with call_soon_threadsafe runs in a copy of the
# calling thread's context, not the loop thread's.
import asyncio
import contextvars
import threading

var = contextvars.ContextVar("var", default="default")

async def main():
    loop = asyncio.get_running_loop()
    var.set("loop thread")
    got = loop.create_future()

    def sender():
        var.set("sender thread")
        loop.call_soon_threadsafe(lambda: got.set_result(var.get()))

    threading.Thread(target=sender).start()
    print(await got)    # expect: sender thread
    print(var.get())    # expect: loop thread

asyncio.run(main())
