# Seed 002 ("AsyncIO Notes", Example 1, the better version): three tasks
# scheduled with create_task run concurrently (3 seconds, not 6).
# Typos fixed: `create_task(1, 1)` meant `asyncio.create_task(fetch_data(1, 1))`
# (likewise for the other two), and the notes lack `import asyncio` and
# `asyncio.run(main())`.
import asyncio


async def fetch_data(delay, id):
  print(f"Fetching data: {id}")
  await asyncio.sleep(delay)
  print(f"Data fetched: {id}")
  return {"id": id}
  
async def main():
  task1 = asyncio.create_task(fetch_data(1, 1))
  task2 = asyncio.create_task(fetch_data(2, 3))
  task3 = asyncio.create_task(fetch_data(3, 1))
  
  # Start task 1; if this isn't doing anything, another task will take over. 
  result1 = await task1

  # Start task 2; 
  result2 = await task2
  result3 = await task3
  
  print(f"Received result1: {result1}")
  print(f"Received result2: {result2}")
  print(f"Received result3: {result3}")

  # Wait for all tasks to finish before printing
  print(result1, result2, result3)


asyncio.run(main())
