# A thread's repr before start shows its name and state (no ident yet).
import threading

def worker():
    pass

print(repr(threading.Thread(target=worker)))              # expect: <Thread(Thread-1 (worker), initial)>
print(repr(threading.Thread(name="d", daemon=True)))      # expect: <Thread(d, initial daemon)>
