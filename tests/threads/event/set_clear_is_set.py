# Event: is_set, set, clear; wait on a set event returns True at once.
import threading

ev = threading.Event()
print(ev.is_set())       # expect: False
ev.set()
print(ev.is_set())       # expect: True
print(ev.wait())         # expect: True
print(ev.wait(0))        # expect: True
ev.clear()
print(ev.is_set())       # expect: False
print(ev.wait(0))        # expect: False
