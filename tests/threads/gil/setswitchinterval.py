# sys.setswitchinterval changes what getswitchinterval reports; threads still
# run correctly with a short or a long interval.
import sys
import threading

sys.setswitchinterval(0.001)
print(sys.getswitchinterval())   # expect: 0.001
sys.setswitchinterval(0.02)
print(sys.getswitchinterval())   # expect: 0.02
sys.setswitchinterval(0.05)      # stored as 50000 us, read back times 1e-6
print(sys.getswitchinterval())   # expect: 0.049999999999999996

total = []
lock = threading.Lock()
def work(k):
    s = 0
    for i in range(20000):
        s += i
    with lock:
        total.append((k, s))

threads = [threading.Thread(target=work, args=(k,)) for k in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(total))   # expect: [(0, 199990000), (1, 199990000), (2, 199990000)]
