# Seed 002 ("AsyncIO Notes", Example 2): gather runs three coroutines
# concurrently and returns their results in argument order.
# Typo fixed: the notes lack `import asyncio`.
import asyncio


async def fetch_data(delay, id):
  print(f"Fetching data: {id}")
  await asyncio.sleep(delay)
  print(f"Data fetched: {id}")
  return {"id": id}

async def main():  
  # 3 tasks or threads
  results = await asyncio.gather(
    fetch_data(1,2),
    fetch_data(2,1),
    fetch_data(3,3)
  )

  # Print the results
  for result in results:
    print(f"Received result: {result}")

asyncio.run(main())
