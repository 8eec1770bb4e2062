# An exception in a submitted call is kept in its Future: result() raises
# it, exception() returns it; the pool keeps working.
from concurrent.futures import ThreadPoolExecutor

def fail():
    raise KeyError("nope")

with ThreadPoolExecutor(1) as ex:
    f = ex.submit(fail)
    try:
        f.result()
    except KeyError as e:
        print("raised", repr(e))        # expect: raised KeyError('nope')
    print(repr(f.exception()))          # expect: KeyError('nope')
    print(ex.submit(lambda: "still fine").result())   # expect: still fine
