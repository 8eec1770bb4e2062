def inner(x):
    return 10 // x

def outer(x):
    return inner(x - 1)

print("start")  # expect: start
outer(1)
# expect stderr: Traceback (most recent call last):
# expect stderr:   File "traceback_full.py", line 8, in <module>
# expect stderr:   File "traceback_full.py", line 5, in outer
# expect stderr:   File "traceback_full.py", line 2, in inner
# expect stderr: ZeroDivisionError: integer division or modulo by zero
# exit: 1
