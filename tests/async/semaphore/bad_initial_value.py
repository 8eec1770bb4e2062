import asyncio

try:
    asyncio.Semaphore(-1)
except ValueError as e:
    print("ValueError:", e)
print(asyncio.Semaphore().locked())
# expect: ValueError: Semaphore initial value must be >= 0
# expect: False
