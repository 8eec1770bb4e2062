import asyncio


async def main():
    await asyncio.sleep(0)
    return {"answer": 42}


result = asyncio.run(main())
print(result["answer"])
# expect: 42
