# A task that fails while nobody awaits it is reported on stderr when it is
# discarded; the loop and the program carry on (exit status 0).
import asyncio


async def fails():
    raise ValueError("lost error")


async def main():
    asyncio.create_task(fails())
    await asyncio.sleep(0.01)
    print("main still running")


asyncio.run(main())
print("program ends normally")
# expect: main still running
# expect: program ends normally
# expect stderr: Task exception was never retrieved
# expect stderr: ValueError: lost error
