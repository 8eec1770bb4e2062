# Seed 004 ("Python asyncio Basics", Case 3): one thread, three coroutines
# waiting at the same time (about 2 s in all).  Unchanged from the notes.
import asyncio

async def task(name):
    print(f"Start {name}")
    await asyncio.sleep(2)
    print(f"End {name}")

async def main():
    await asyncio.gather(
        task("A"),
        task("B"),
        task("C"),
    )

asyncio.run(main())
