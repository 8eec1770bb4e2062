# Each thread has its own running loop: two threads run asyncio.run at the
# same time; a thread without a loop has no running loop.
import asyncio
import threading

results = {}

async def work(tag):
    loop = asyncio.get_running_loop()
    await asyncio.sleep(0.1)
    return tag, loop

def runner(tag):
    results[tag] = asyncio.run(work(tag))

def no_loop():
    try:
        asyncio.get_running_loop()
    except RuntimeError as e:
        results["none"] = str(e)

threads = [threading.Thread(target=runner, args=(tag,)) for tag in "ab"]
threads.append(threading.Thread(target=no_loop))
for t in threads:
    t.start()
for t in threads:
    t.join()
print(results["a"][0], results["b"][0])          # expect: a b
print(results["a"][1] is not results["b"][1])    # expect: True
print(results["none"])                           # expect: no running event loop
