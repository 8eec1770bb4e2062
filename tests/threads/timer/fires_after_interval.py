# Timer(interval, function, args, kwargs) calls the function once, in its own
# thread, after the interval.
import threading
import time

out = []
def hello(name, punct="."):
    out.append((f"hello {name}{punct}", threading.current_thread().name))

start = time.perf_counter()
t = threading.Timer(0.15, hello, args=("world",), kwargs={"punct": "!"})
t.start()
print(out)         # expect: []
t.join()
print(time.perf_counter() - start > 0.14)   # expect: True
print(out)         # expect: [('hello world!', 'Thread-1')]
