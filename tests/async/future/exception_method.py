import asyncio


async def main():
    loop = asyncio.get_running_loop()
    ok, bad = loop.create_future(), loop.create_future()
    ok.set_result("fine")
    bad.set_exception(ZeroDivisionError("nope"))
    print(ok.exception(), repr(bad.exception()))
    try:
        bad.result()
    except ZeroDivisionError as e:
        print("result() raised", e)


asyncio.run(main())
# expect: None ZeroDivisionError('nope')
# expect: result() raised nope
