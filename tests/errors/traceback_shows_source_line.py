def f(d):
    return d["missing"]
f({})
# expect stderr: Traceback (most recent call last):
# expect stderr:   File "traceback_shows_source_line.py", line 3, in <module>
# expect stderr:     f({})
# expect stderr:   File "traceback_shows_source_line.py", line 2, in f
# expect stderr:     return d["missing"]
# expect stderr: KeyError: 'missing'
# exit: 1
