import asyncio


async def main():
    return 1


try:
    asyncio.run(main)
except ValueError as e:
    print("ValueError:", str(e).startswith("a coroutine was expected, got <function main"))
# expect: ValueError: True
asyncio.run(5)
# expect runtime error: ValueError: a coroutine was expected, got 5
