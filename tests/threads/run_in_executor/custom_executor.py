# run_in_executor with an explicit ThreadPoolExecutor runs on its threads.
import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor

def name():
    return threading.current_thread().name

async def main():
    loop = asyncio.get_running_loop()
    with ThreadPoolExecutor(1, thread_name_prefix="mine") as ex:
        print(await loop.run_in_executor(ex, name))   # expect: mine_0

asyncio.run(main())
