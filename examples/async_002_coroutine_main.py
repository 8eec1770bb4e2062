# Seed 002 ("AsyncIO Notes", Co-Routines): the smallest asyncio program.
# Unchanged from the notes.
import asyncio
# Co-routine function

async def main():
  print("Start of main co-routine")
# main -> Co-routine object 

asyncio.run(main())
