# Two asyncio.run calls one after the other each get a fresh loop.
import asyncio


async def main(tag):
    loop = asyncio.get_running_loop()
    await asyncio.sleep(0.01)
    return tag, loop.is_running()


first = asyncio.run(main("first"))
second = asyncio.run(main("second"))
print(first, second)
# expect: ('first', True) ('second', True)
