# A plain Lock has no owner: another thread may release it.
import threading

lock = threading.Lock()
lock.acquire()
t = threading.Thread(target=lock.release)
t.start()
t.join()
print(lock.locked())   # expect: False
