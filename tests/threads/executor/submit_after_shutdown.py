# submit() after shutdown is a RuntimeError (also after leaving `with`).
from concurrent.futures import ThreadPoolExecutor

with ThreadPoolExecutor(1) as ex:
    pass
try:
    ex.submit(print, "never")
except RuntimeError as e:
    print(e)   # expect: cannot schedule new futures after shutdown
ex.shutdown()  # a second shutdown is harmless
print("ok")    # expect: ok
