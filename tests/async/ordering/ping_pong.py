# Two tasks exchange a ball through two Queue(maxsize=1).
import asyncio


async def player(name, inbox, outbox, rounds):
    for _ in range(rounds):
        ball = await inbox.get()
        print(name, ball)
        await outbox.put(ball + 1)


async def main():
    ping, pong = asyncio.Queue(maxsize=1), asyncio.Queue(maxsize=1)
    await ping.put(0)
    await asyncio.gather(player("ping", ping, pong, 3), player("pong", pong, ping, 3))
    print("final", ping.get_nowait())


asyncio.run(main())
# expect: ping 0
# expect: pong 1
# expect: ping 2
# expect: pong 3
# expect: ping 4
# expect: pong 5
# expect: final 6
