# Five tasks with different sleep(0) patterns; the interleaving is fixed.
import asyncio

out = []


async def worker(k):
    for i in range(4):
        out.append(f"{k}.{i}")
        for _ in range((k + i) % 3):
            await asyncio.sleep(0)


async def main():
    await asyncio.gather(*[worker(k) for k in range(5)])
    print(" ".join(out))


asyncio.run(main())
# expect: 0.0 0.1 1.0 2.0 3.0 3.1 4.0 0.2 1.1 3.2 4.1 2.1 2.2 0.3 1.2 1.3 2.3 3.3 4.2 4.3
