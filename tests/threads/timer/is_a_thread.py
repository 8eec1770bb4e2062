# Timer is a Thread subclass with a Thread-N name; cancel() after it fired is
# harmless.
import threading

out = []
t = threading.Timer(0.01, out.append, args=(1,))
print(isinstance(t, threading.Thread))   # expect: True
print(t.name)                            # expect: Thread-1
t.start()
t.join()
t.cancel()
print(out)                               # expect: [1]
