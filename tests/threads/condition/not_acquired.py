# wait and notify need the condition's lock held.
import threading

cond = threading.Condition()
for f in (cond.wait, cond.notify, cond.notify_all):
    try:
        f()
    except RuntimeError as e:
        print(e)
# expect: cannot wait on un-acquired lock
# expect: cannot notify on un-acquired lock
# expect: cannot notify on un-acquired lock
