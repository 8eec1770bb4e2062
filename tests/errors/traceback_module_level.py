x = [1]
y = x[1]
# expect stderr: Traceback (most recent call last):
# expect stderr:   File "traceback_module_level.py", line 2, in <module>
# expect stderr: IndexError: list index out of range
# exit: 1
