async def fetch():
    return 1


fetch()
print("program ends")
# expect: program ends
# expect stderr: RuntimeWarning: coroutine 'fetch' was never awaited
