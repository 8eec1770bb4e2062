# Only the owning thread can release an RLock.
import threading

r = threading.RLock()
r.acquire()
errors = []
def worker():
    try:
        r.release()
    except RuntimeError as e:
        errors.append(str(e))

t = threading.Thread(target=worker)
t.start()
t.join()
print(errors)   # expect: ['cannot release un-acquired lock']
r.release()
# expect runtime error: RuntimeError: cannot release un-acquired lock
r.release()
