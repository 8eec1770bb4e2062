import time
t = time.time()
ns = time.time_ns()
print(t > 1600000000, type(t).__name__)  # expect: True float
print(type(ns).__name__, abs(ns / 1e9 - t) < 5)  # expect: int True
