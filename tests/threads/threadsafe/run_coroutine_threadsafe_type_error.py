# run_coroutine_threadsafe needs a coroutine object.
import asyncio

loop = asyncio.new_event_loop()
try:
    asyncio.run_coroutine_threadsafe(lambda: None, loop)
except TypeError as e:
    print(e)   # expect: A coroutine object is required
loop.close()
