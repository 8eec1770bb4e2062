import asyncio


async def main():
    try:
        await 5
    except TypeError as e:
        print("TypeError:", e)
    await 5


asyncio.run(main())
# expect: TypeError: object int can't be used in 'await' expression
# expect runtime error: TypeError: object int can't be used in 'await' expression
