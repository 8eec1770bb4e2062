# python: skip deadlock (CPython waits forever)
# run_forever() with nothing scheduled and no other thread can never return.
import asyncio

loop = asyncio.new_event_loop()
loop.run_forever()   # expect runtime error: RuntimeError: deadlock: every task is waiting and nothing can wake them up (no ready callback, no timer, no I/O, no other thread)
