import time
a = time.monotonic()
b = time.monotonic()
print(b >= a)  # expect: True
c = time.perf_counter()
d = time.perf_counter()
print(d >= c)  # expect: True
n1 = time.monotonic_ns()
n2 = time.perf_counter_ns()
print(type(n1).__name__, type(n2).__name__, time.monotonic_ns() >= n1)  # expect: int int True
