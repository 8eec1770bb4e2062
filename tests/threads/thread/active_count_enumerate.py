# active_count() and enumerate() count the main thread and every started,
# not yet finished thread.
import threading

go = threading.Event()
print(threading.active_count())   # expect: 1
threads = [threading.Thread(target=go.wait, name=f"w{i}") for i in range(3)]
print(threading.active_count())   # expect: 1
for t in threads:
    t.start()
print(threading.active_count())   # expect: 4
print(sorted(t.name for t in threading.enumerate()))   # expect: ['MainThread', 'w0', 'w1', 'w2']
go.set()
for t in threads:
    t.join()
print(threading.active_count())   # expect: 1
