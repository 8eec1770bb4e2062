# Thread(target, args, kwargs): the target is called with both.
import threading

out = []
def worker(a, b, sep="-", end="!"):
    out.append(f"{a}{sep}{b}{end}")

t = threading.Thread(target=worker, args=(1, 2), kwargs={"sep": "+"})
t.start()
t.join()
print(out)   # expect: ['1+2!']
