import asyncio


async def afib(n):
    if n < 2:
        return n
    return await afib(n - 1) + await afib(n - 2)


print(asyncio.run(afib(18)))
# expect: 2584
