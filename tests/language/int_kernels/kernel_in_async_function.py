# Kernels in coroutines, around awaits.
import asyncio


async def work(n):
    s = 1
    await asyncio.sleep(0)
    for i in range(n):
        s = s * 7 % 1000003
    await asyncio.sleep(0)
    t = s
    while t > 10:
        t //= 3
    big = 2**62 - 2
    for i in range(3):
        big += 1
    return s, t, big


async def main():
    results = await asyncio.gather(work(5), work(100), work(0))
    print(results)  # expect: [(16807, 7, 4611686018427387905), (574916, 9, 4611686018427387905), (1, 1, 4611686018427387905)]


asyncio.run(main())
