# Tasks made while the context is empty still get their own: one task's
# set() is not seen by another task or by the code that created them.
import asyncio
import contextvars

var = contextvars.ContextVar("var", default="default")

async def setter():
    var.set("setter")
    await asyncio.sleep(0)
    return var.get()

async def reader():
    await asyncio.sleep(0)
    return var.get()

async def main():
    print(await asyncio.gather(setter(), reader()))   # expect: ['setter', 'default']
    print(var.get())                                  # expect: default

asyncio.run(main())
