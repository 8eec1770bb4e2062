# Futures already done are yielded first, then the rest as they finish; a
# future given twice is yielded once.
from concurrent.futures import Future, as_completed
import threading
import time

a, b = Future(), Future()
b.set_result("b")
threading.Timer(0.1, a.set_result, args=("a",)).start()
print([f.result() for f in as_completed([a, b, b])])   # expect: ['b', 'a']
