# submit(fn, *args, **kwargs) returns a Future; result() waits for it.
from concurrent.futures import Future, ThreadPoolExecutor

def power(base, exp=2):
    return base ** exp

with ThreadPoolExecutor(max_workers=2) as ex:
    f = ex.submit(power, 3, exp=4)
    print(isinstance(f, Future))   # expect: True
    print(f.result())              # expect: 81
    print(f.done())                # expect: True
