# wait(timeout=) returns what finished in time; it raises nothing and does
# not cancel the rest.
import asyncio


async def job(name, delay):
    await asyncio.sleep(delay)
    return name


async def main():
    fast = asyncio.create_task(job("fast", 0.01))
    slow = asyncio.create_task(job("slow", 0.3))
    done, pending = await asyncio.wait({fast, slow}, timeout=0.1)
    print(fast in done, slow in pending)
    print(slow.cancelled(), await slow)


asyncio.run(main())
# expect: True True
# expect: False slow
