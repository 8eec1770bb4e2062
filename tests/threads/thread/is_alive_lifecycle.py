# is_alive: False before start, True while running, False after it ends.
import threading

go = threading.Event()
t = threading.Thread(target=go.wait)
print(t.is_alive())   # expect: False
t.start()
print(t.is_alive())   # expect: True
go.set()
t.join()
print(t.is_alive())   # expect: False
