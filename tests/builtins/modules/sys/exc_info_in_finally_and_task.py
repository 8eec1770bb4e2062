# Each asyncio task has its own exception being handled: a task suspended
# inside an except block does not leak it to the others.
import asyncio
import sys

async def handler(name, gate):
    try:
        raise LookupError(name)
    except LookupError:
        await gate.wait()
        print(name, repr(sys.exception()))

async def observer(gate):
    print("observer", sys.exc_info())
    gate.set()

async def main():
    gate = asyncio.Event()
    await asyncio.gather(handler("a", gate), observer(gate))

asyncio.run(main())
# expect: observer (None, None, None)
# expect: a LookupError('a')
