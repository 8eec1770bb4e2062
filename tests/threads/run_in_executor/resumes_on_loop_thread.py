# The awaiting coroutine resumes on the loop's thread after the call; the
# loop's other tasks keep running meanwhile.
import asyncio
import threading
import time

async def other(log):
    for i in range(3):
        log.append(f"other {i}")
        await asyncio.sleep(0.05)

async def main():
    loop = asyncio.get_running_loop()
    log = []
    t = asyncio.create_task(other(log))
    worker = await loop.run_in_executor(None, lambda: (time.sleep(0.25), threading.current_thread().name)[1])
    log.append(f"resumed on {threading.current_thread().name}, call ran on {worker}")
    await t
    print(log)

asyncio.run(main())
# expect: ['other 0', 'other 1', 'other 2', 'resumed on MainThread, call ran on asyncio_0']
