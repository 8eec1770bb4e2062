# to_thread runs the function in a copy of the caller's contextvars context;
# changes made in the thread do not come back.
import asyncio
import contextvars

var = contextvars.ContextVar("var", default="default")

def read_and_set():
    seen = var.get()
    var.set("set in thread")
    return seen

async def main():
    var.set("set in coroutine")
    print(await asyncio.to_thread(read_and_set))   # expect: set in coroutine
    print(var.get())                               # expect: set in coroutine

asyncio.run(main())
