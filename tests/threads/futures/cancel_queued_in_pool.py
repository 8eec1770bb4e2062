# A call still queued behind a busy worker can be cancelled and never runs.
import threading
from concurrent.futures import ThreadPoolExecutor

release = threading.Event()
ran = []

with ThreadPoolExecutor(1) as ex:
    first = ex.submit(release.wait)
    second = ex.submit(ran.append, "second")
    print(second.cancel())       # expect: True
    release.set()
print(first.result(), ran)       # expect: True []
