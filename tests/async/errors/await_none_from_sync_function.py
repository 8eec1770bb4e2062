# The usual mistake: awaiting the result of a plain (non-async) function.
import asyncio


def not_async():
    print("plain function ran")


async def main():
    try:
        await not_async()
    except TypeError as e:
        print("TypeError:", e)


asyncio.run(main())
# expect: plain function ran
# expect: TypeError: object NoneType can't be used in 'await' expression
