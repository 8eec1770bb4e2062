# SystemExit raised inside main ends the program with that status.
import asyncio
import sys


async def main():
    print("exiting")
    sys.exit(3)


asyncio.run(main())
# expect: exiting
# exit: 3
