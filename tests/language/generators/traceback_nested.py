# A traceback through yield from and a helper function: every frame shows.
def check(v):
    if v > 2:
        raise KeyError(v)  # expect runtime error: KeyError: 3
    return v

def inner():
    for v in range(5):
        yield check(v)

def outer():
    yield "start"
    yield from inner()

for item in outer():
    print(item)
# expect: start
# expect: 0
# expect: 1
# expect: 2
# expect stderr: Traceback (most recent call last):
# expect stderr: line 15, in <module>
# expect stderr: line 13, in outer
# expect stderr: line 9, in inner
# expect stderr: line 4, in check
