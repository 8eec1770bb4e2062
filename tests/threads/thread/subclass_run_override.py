# A Thread subclass overriding run(): start() calls it in the new thread.
import threading

class Worker(threading.Thread):
    def __init__(self, n):
        super().__init__()
        self.n = n
        self.result = None

    def run(self):
        self.result = sum(range(self.n))
        self.where = threading.current_thread() is self

w = Worker(101)
print(w.name)     # expect: Thread-1
w.start()
w.join()
print(w.result)   # expect: 5050
print(w.where)    # expect: True
