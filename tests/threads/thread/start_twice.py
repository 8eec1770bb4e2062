# A thread can be started only once.
import threading

t = threading.Thread(target=lambda: None)
t.start()
t.join()
try:
    t.start()
except RuntimeError as e:
    print(e)   # expect: threads can only be started once
# expect runtime error: RuntimeError: threads can only be started once
t.start()
