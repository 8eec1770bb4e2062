# An exception in the thread is raised at the await.
import asyncio

def fail(x):
    raise ValueError(f"bad {x}")

async def main():
    try:
        await asyncio.to_thread(fail, 7)
    except ValueError as e:
        print("caught", e)   # expect: caught bad 7

asyncio.run(main())
