import time
a = time.process_time()
total = 0
for i in range(300000):
    total += i * i
b = time.process_time()
print(total)  # expect: 8999955000050000
print(b >= a, type(a).__name__, type(time.process_time_ns()).__name__)  # expect: True float int
