# run_in_executor passes positional arguments only; keyword arguments go
# through functools.partial.
import asyncio
import functools

def greet(name, greeting="hello"):
    return f"{greeting}, {name}"

async def main():
    loop = asyncio.get_running_loop()
    print(await loop.run_in_executor(None, functools.partial(greet, "ann", greeting="hi")))   # expect: hi, ann
    try:
        loop.run_in_executor(None, greet, "bob", greeting="hey")
    except TypeError as e:
        print(e)   # expect: BaseEventLoop.run_in_executor() got an unexpected keyword argument 'greeting'

asyncio.run(main())
