# Timers given the same delay one after another fire in scheduling order.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    order = []
    for i in range(10):
        loop.call_later(0.02, order.append, i)
    await asyncio.sleep(0.06)
    print(order)


asyncio.run(main())
# expect: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
