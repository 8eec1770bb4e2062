# Each thread has its own recursion depth: a thread hits RecursionError at
# its own limit, catches it, and the main thread is unaffected.
import threading

def depth(n):
    return depth(n + 1)

out = []
def worker():
    try:
        depth(0)
    except RecursionError as e:
        out.append(str(e))

def deep(n):
    return 0 if n == 0 else 1 + deep(n - 1)

t = threading.Thread(target=worker)
t.start()
t.join()
print(out)        # expect: ['maximum recursion depth exceeded']
print(deep(500))  # expect: 500
