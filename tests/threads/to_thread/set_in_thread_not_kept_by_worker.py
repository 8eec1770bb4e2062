# What a to_thread function sets stays in its copy of the context: later
# run_in_executor jobs on the same worker do not see it.
import asyncio
import contextvars
from concurrent.futures import ThreadPoolExecutor

var = contextvars.ContextVar("var", default="default")

def setter():
    var.set("set in to_thread")
    return var.get()

async def main():
    loop = asyncio.get_running_loop()
    loop.set_default_executor(ThreadPoolExecutor(1))
    print(await asyncio.to_thread(setter))              # expect: set in to_thread
    print(await loop.run_in_executor(None, var.get))    # expect: default
    print(var.get())                                    # expect: default

asyncio.run(main())
