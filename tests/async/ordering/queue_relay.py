# A message relayed through a chain of tasks linked by queues.
import asyncio


async def stage(name, inbox, outbox):
    while True:
        msg = await inbox.get()
        if msg is None:
            await outbox.put(None)
            return
        print(name, "passes", msg)
        await outbox.put(msg + name)


async def main():
    queues = [asyncio.Queue() for _ in range(4)]
    stages = [asyncio.create_task(stage(n, queues[i], queues[i + 1]))
              for i, n in enumerate("abc")]
    for m in ["x", "y"]:
        await queues[0].put(m)
    await queues[0].put(None)
    while True:
        msg = await queues[3].get()
        if msg is None:
            break
        print("out", msg)
    await asyncio.gather(*stages)


asyncio.run(main())
# expect: a passes x
# expect: a passes y
# expect: b passes xa
# expect: b passes ya
# expect: c passes xab
# expect: c passes yab
# expect: out xabc
# expect: out yabc
