import asyncio


async def job(name, delay):
    await asyncio.sleep(delay)
    return name


async def main():
    tasks = [asyncio.create_task(job("quick", 0.01)), asyncio.create_task(job("late", 0.6))]
    try:
        for fut in asyncio.as_completed(tasks, timeout=0.15):
            print(await fut)
    except TimeoutError:
        print("TimeoutError")
    print(tasks[1].done())
    tasks[1].cancel()


asyncio.run(main())
# expect: quick
# expect: TimeoutError
# expect: False
