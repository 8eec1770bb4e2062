import asyncio

try:
    asyncio.get_running_loop()
except RuntimeError as e:
    print(e)
# expect: no running event loop
try:
    asyncio.current_task()
except RuntimeError as e:
    print(e)
# expect: no running event loop
