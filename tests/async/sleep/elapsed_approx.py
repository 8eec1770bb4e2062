# The runner's `{~N}` token accepts a printed duration near N.
import asyncio
import time


async def main():
    start = time.monotonic()
    await asyncio.sleep(0.3)
    print(f"Took {time.monotonic() - start:.2f} seconds")


asyncio.run(main())
# expect: Took {~0.30} seconds
