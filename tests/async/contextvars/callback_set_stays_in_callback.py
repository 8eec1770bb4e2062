# What a call_soon callback sets stays in its own context, even when every
# context involved was empty: neither the loop's code nor the code after
# asyncio.run sees it.
import asyncio
import contextvars

var = contextvars.ContextVar("var", default="default")

def callback():
    var.set("set by callback")

async def main():
    asyncio.get_running_loop().call_soon(callback)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(var.get())   # expect: default

asyncio.run(main())
print(var.get())       # expect: default
