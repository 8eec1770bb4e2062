# A task created just before main returns still gets its first step: it was
# queued before the loop learnt that main had finished.  Then asyncio.run
# cancels it at its first await.
import asyncio


async def late():
    try:
        print("late body")
        await asyncio.sleep(1)
        print("not reached")
    finally:
        print("late finally")


async def main():
    t = asyncio.create_task(late())
    print("main returns")
    return t


t = asyncio.run(main())
print(t.done(), t.cancelled())
# expect: main returns
# expect: late body
# expect: late finally
# expect: True True
