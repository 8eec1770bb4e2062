# Default names count up from Thread-1; a thread with a target function adds
# the function's name in parentheses (Python 3.10+).  Only threads without a
# name take a number.
import threading

def worker():
    pass

print(threading.Thread(target=worker).name)            # expect: Thread-1 (worker)
print(threading.Thread().name)                         # expect: Thread-2
print(threading.Thread(target=worker, name="io").name) # expect: io
print(threading.Thread(target=worker).name)            # expect: Thread-3 (worker)
print(threading.Thread(target=lambda: None).name)      # expect: Thread-4 (<lambda>)
