# Reading an attribute a thread never set is an AttributeError in that thread.
import threading

data = threading.local()
data.value = 1
errors = []

def worker():
    try:
        data.value
    except AttributeError as e:
        errors.append(str(e))

t = threading.Thread(target=worker)
t.start()
t.join()
print(errors)   # expect: ["'_thread._local' object has no attribute 'value'"]
