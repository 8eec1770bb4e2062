# Both children fail in the same loop iteration, before the group can cancel
# either: the ExceptionGroup holds both, in the order they failed.
import asyncio


async def fails(exc):
    await asyncio.sleep(0)
    raise exc


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fails(KeyError("k")))
            tg.create_task(fails(TypeError("t")))
    except ExceptionGroup as eg:
        print(eg)
        print(len(eg.exceptions), [type(e).__name__ for e in eg.exceptions])


asyncio.run(main())
# expect: unhandled errors in a TaskGroup (2 sub-exceptions)
# expect: 2 ['KeyError', 'TypeError']
