# Inside the block the expiry arrives as CancelledError; the context manager
# turns it into TimeoutError on the way out.
import asyncio


async def main():
    try:
        async with asyncio.timeout(0.03):
            try:
                await asyncio.sleep(1)
            except asyncio.CancelledError:
                print("CancelledError inside")
                raise
            finally:
                print("finally inside")
    except TimeoutError:
        print("TimeoutError outside")


asyncio.run(main())
# expect: CancelledError inside
# expect: finally inside
# expect: TimeoutError outside
