# CPython keeps timers in a binary heap (heapq) ordered by deadline alone, and
# heapq is not stable: three or more timers with exactly the same deadline do
# NOT fire in scheduling order.  This pins CPython 3.11's actual order.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    for n in [3, 5, 8]:
        order = []
        when = loop.time() + 0.02
        for i in range(n):
            loop.call_at(when, order.append, i)
        await asyncio.sleep(0.05)
        print(n, order)


asyncio.run(main())
# expect: 3 [0, 2, 1]
# expect: 5 [0, 2, 1, 3, 4]
# expect: 8 [0, 2, 6, 5, 7, 1, 3, 4]
