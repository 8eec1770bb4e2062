# wait_for(predicate, timeout) returns the predicate's last value.
import threading
import time

cond = threading.Condition()
state = {"n": 0}

def bump():
    for _ in range(3):
        time.sleep(0.05)
        with cond:
            state["n"] += 1
            cond.notify_all()

t = threading.Thread(target=bump)
t.start()
with cond:
    print(cond.wait_for(lambda: state["n"] >= 3, timeout=2))   # expect: True
    print(cond.wait_for(lambda: state["n"] >= 10, timeout=0.05))  # expect: False
    print(cond.wait_for(lambda: state["n"] and "yes"))   # expect: yes
t.join()
