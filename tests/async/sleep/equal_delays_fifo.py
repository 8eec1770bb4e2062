# Tasks sleeping for the same delay wake in the order they went to sleep.
import asyncio


async def nap(name):
    await asyncio.sleep(0.02)
    print(name)


async def main():
    await asyncio.gather(*[nap(f"n{i}") for i in range(8)])


asyncio.run(main())
# expect: n0
# expect: n1
# expect: n2
# expect: n3
# expect: n4
# expect: n5
# expect: n6
# expect: n7
