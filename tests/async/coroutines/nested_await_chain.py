import asyncio


async def leaf(x):
    await asyncio.sleep(0)
    return x + 1


async def middle(x):
    y = await leaf(x)
    return await leaf(y) * 2


async def top():
    out = []
    for i in range(3):
        out.append(await middle(i))
    return out


print(asyncio.run(top()))
# expect: [4, 6, 8]
