# to_thread runs the function in a copy of the caller's context even when
# the caller's is empty, never in the worker thread's own context (which
# run_in_executor jobs use, and which keeps what they set).
import asyncio
import contextvars
from concurrent.futures import ThreadPoolExecutor

var = contextvars.ContextVar("var", default="default")

async def main():
    loop = asyncio.get_running_loop()
    ex = ThreadPoolExecutor(1)
    loop.set_default_executor(ex)
    await loop.run_in_executor(None, var.set, "worker's own")
    print(await loop.run_in_executor(None, var.get))   # expect: worker's own
    print(await asyncio.to_thread(var.get))            # expect: default
    var.set("caller's")
    print(await asyncio.to_thread(var.get))            # expect: caller's
    print(await loop.run_in_executor(None, var.get))   # expect: worker's own

asyncio.run(main())
