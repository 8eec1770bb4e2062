# A leftover task may await in its finally block while asyncio.run shuts down.
import asyncio


async def background():
    try:
        await asyncio.sleep(10)
    finally:
        print("cleanup starts")
        await asyncio.sleep(0.02)
        print("cleanup ends")


async def main():
    asyncio.create_task(background())
    await asyncio.sleep(0)


asyncio.run(main())
print("run returned")
# expect: cleanup starts
# expect: cleanup ends
# expect: run returned
