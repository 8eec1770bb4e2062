# ident and native_id are None before start and ints after; ident matches
# get_ident() inside the thread and differs from the main thread's.
import threading

inside = []
def worker():
    inside.append(threading.get_ident())

t = threading.Thread(target=worker)
print(t.ident, t.native_id)   # expect: None None
t.start()
t.join()
print(type(t.ident).__name__, type(t.native_id).__name__)   # expect: int int
print(inside == [t.ident])                    # expect: True
print(t.ident != threading.get_ident())       # expect: True
print(threading.main_thread().ident == threading.get_ident())   # expect: True
