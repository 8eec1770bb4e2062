# Seed 004 ("Python asyncio Basics", Minimal Example).  Unchanged.
import asyncio

async def say_hello():
    print("Start")
    await asyncio.sleep(2)
    print("End")

asyncio.run(say_hello())
