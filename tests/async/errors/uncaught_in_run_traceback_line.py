# The innermost frame of the traceback is the line that raised.
import asyncio


async def main():
    await asyncio.sleep(0)
    raise IndexError("deep")  # expect runtime error: IndexError: deep


asyncio.run(main())
