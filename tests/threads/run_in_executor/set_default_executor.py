# loop.set_default_executor replaces the pool used for None (and to_thread).
import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor

def name():
    return threading.current_thread().name

async def main():
    loop = asyncio.get_running_loop()
    loop.set_default_executor(ThreadPoolExecutor(2, thread_name_prefix="dflt"))
    print(await loop.run_in_executor(None, name))   # expect: dflt_0
    print(await asyncio.to_thread(name))            # expect: dflt_0

asyncio.run(main())
