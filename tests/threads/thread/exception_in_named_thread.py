# The report names the thread by its name, and other threads are unaffected.
import threading

results = []
def fail():
    {}["missing"]

def ok():
    results.append("ok")

a = threading.Thread(target=fail, name="loader")
a.start()
a.join()
b = threading.Thread(target=ok)
b.start()
b.join()
print(results)   # expect: ['ok']
# expect stderr: Exception in thread loader:
# expect stderr: KeyError: 'missing'
