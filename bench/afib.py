# afib: recursive async def afib(25) awaiting itself: 242,785 coroutine
# calls, each awaited in place (no tasks, no suspension), so this measures
# the cost of calling and awaiting a coroutine.
import asyncio
import time  # bench: timer


async def afib(n):
    if n < 2:
        return n
    return await afib(n - 1) + await afib(n - 2)


t0 = time.perf_counter()  # bench: timer
result = asyncio.run(afib(25))
t1 = time.perf_counter()  # bench: timer
print("afib", f"{t1 - t0:.6f}", result)
