# join() before start() and joining the current thread are errors.
import threading

t = threading.Thread(target=lambda: None)
try:
    t.join()
except RuntimeError as e:
    print(e)   # expect: cannot join thread before it is started
try:
    threading.current_thread().join()
except RuntimeError as e:
    print(e)   # expect: cannot join current thread

errors = []
def self_join():
    try:
        threading.current_thread().join()
    except RuntimeError as e:
        errors.append(str(e))
u = threading.Thread(target=self_join)
u.start()
u.join()
print(errors)  # expect: ['cannot join current thread']
