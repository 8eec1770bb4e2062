# Unlike to_thread, run_in_executor does not carry the caller's contextvars:
# the worker sees the variable's default.
import asyncio
import contextvars

var = contextvars.ContextVar("var", default="default")

async def main():
    var.set("set in coroutine")
    loop = asyncio.get_running_loop()
    print(await loop.run_in_executor(None, var.get))   # expect: default

asyncio.run(main())
