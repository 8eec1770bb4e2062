# set_event_loop() sets the loop get_event_loop() returns on that thread.
import asyncio
import threading

loop = asyncio.new_event_loop()
seen = []

def worker():
    asyncio.set_event_loop(loop)
    seen.append(asyncio.get_event_loop() is loop)
    try:
        asyncio.set_event_loop(1)
    except TypeError as e:
        seen.append(str(e))

t = threading.Thread(target=worker)
t.start()
t.join()
print(seen)   # expect: [True, "loop must be an instance of AbstractEventLoop or None, not 'int'"]
loop.close()
