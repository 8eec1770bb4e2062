# Cancelling a task that awaits a plain future cancels that future at once;
# the task itself sees CancelledError on its next step.
import asyncio


async def waiter(fut):
    try:
        await fut
    except asyncio.CancelledError:
        print("waiter cancelled")
        raise


async def main():
    fut = asyncio.get_running_loop().create_future()
    t = asyncio.create_task(waiter(fut))
    await asyncio.sleep(0)
    t.cancel()
    print("future cancelled:", fut.cancelled(), "task done:", t.done())
    await asyncio.sleep(0)
    print("task cancelled:", t.cancelled())


asyncio.run(main())
# expect: future cancelled: True task done: False
# expect: waiter cancelled
# expect: task cancelled: True
