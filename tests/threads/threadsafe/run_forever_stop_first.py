# stop() before run_forever() makes it run one iteration and return.
import asyncio

loop = asyncio.new_event_loop()
loop.call_soon(print, "ran")
loop.stop()
loop.run_forever()               # expect: ran
print("stopped", loop.is_running())   # expect: stopped False
loop.close()
try:
    loop.run_forever()
except RuntimeError as e:
    print(e)                     # expect: Event loop is closed
