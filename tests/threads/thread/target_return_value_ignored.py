# The target's return value is discarded; join() returns None.
import threading

t = threading.Thread(target=lambda: 42)
t.start()
print(t.join())   # expect: None
