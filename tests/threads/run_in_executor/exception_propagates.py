# An exception raised in the executor is raised at the await.
import asyncio

def fail():
    return 1 / 0

async def main():
    loop = asyncio.get_running_loop()
    try:
        await loop.run_in_executor(None, fail)
    except ZeroDivisionError as e:
        print("caught", e)   # expect: caught division by zero

asyncio.run(main())
