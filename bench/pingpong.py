# pingpong: two tasks exchanging 200,000 messages through two
# asyncio.Queue(maxsize=1): ping puts 100,000 numbers into one queue, pong
# answers each through the other, so every message is a task switch.
# The checksum is the sum of the answers ping received.
import asyncio
import time  # bench: timer

MESSAGES = 200000


async def ping(to_pong, to_ping, rounds):
    total = 0
    for i in range(rounds):
        await to_pong.put(i)
        total += await to_ping.get()
    await to_pong.put(-1)
    return total


async def pong(to_pong, to_ping):
    count = 0
    while True:
        x = await to_pong.get()
        if x < 0:
            return count
        count += 1
        await to_ping.put(x * 3 + 1)


async def main():
    to_pong = asyncio.Queue(maxsize=1)
    to_ping = asyncio.Queue(maxsize=1)
    p = asyncio.create_task(pong(to_pong, to_ping))
    total = await ping(to_pong, to_ping, MESSAGES // 2)
    count = await p
    return count * 2, total


t0 = time.perf_counter()  # bench: timer
messages, total = asyncio.run(main())
t1 = time.perf_counter()  # bench: timer
print("pingpong", f"{t1 - t0:.6f}", messages, total)
