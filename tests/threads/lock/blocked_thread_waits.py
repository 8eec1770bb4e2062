# A thread blocked in acquire() resumes when the holder releases the lock.
import threading
import time

lock = threading.Lock()
events = []

def worker():
    events.append("waiting")
    with lock:
        events.append("got lock")

lock.acquire()
t = threading.Thread(target=worker)
t.start()
time.sleep(0.1)
events.append("releasing")
lock.release()
t.join()
print(events)   # expect: ['waiting', 'releasing', 'got lock']
