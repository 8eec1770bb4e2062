# A loop stopped with a task suspended in one thread can be run by another
# once the first thread has ended: the task resumes there, with its own
# exception being handled.
import asyncio
import sys
import threading

async def waiter(ev):
    print("waiting in", threading.current_thread().name)
    try:
        raise KeyError("k")
    except KeyError:
        await ev.wait()
        print("resumed in", threading.current_thread().name, repr(sys.exception()))
    return "done"

loop = asyncio.new_event_loop()
ev = asyncio.Event()
task = loop.create_task(waiter(ev))

def first():
    loop.call_soon(loop.stop)
    loop.run_forever()

t = threading.Thread(target=first, name="first")
t.start()
t.join()
loop.call_soon(ev.set)
print(loop.run_until_complete(task))
print(threading.current_thread().name, sys.exception())
loop.close()
# expect: waiting in first
# expect: resumed in MainThread KeyError('k')
# expect: done
# expect: MainThread None
