# An exception in one call is raised when map's iterator reaches that result.
from concurrent.futures import ThreadPoolExecutor

def inv(x):
    return 1 / x

with ThreadPoolExecutor(2) as ex:
    it = ex.map(inv, [1, 2, 0, 4])
    out = []
    try:
        for r in it:
            out.append(r)
    except ZeroDivisionError as e:
        out.append(f"error: {e}")
print(out)   # expect: [1.0, 0.5, 'error: division by zero']
