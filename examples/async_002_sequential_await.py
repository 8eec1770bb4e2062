# Seed 002 ("AsyncIO Notes", Example 1, the inefficient version): awaiting
# two coroutines one after the other takes 2 + 2 = 4 seconds.
# Typos fixed: the notes lack `import asyncio` and the `asyncio.run(main())`
# that starts the program.
import asyncio


async def fetch_data(delay, id):
  print(f"Fetching data: {id}")
  await asyncio.sleep(delay)
  print(f"Data fetched: {id}")
  return {"id": id}

async def main():
  task1 = fetch_data(2, 1)
  task2 = fetch_data(2, 2)
  result1 = await task1
  print(f"Received result1: {result1}")

  result2 = await task2
  print(f"Received result2: {result2}")


asyncio.run(main())
