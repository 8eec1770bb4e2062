# yield from is also only allowed inside a function; the error names the line.
def ok():
    yield from range(3)
print(list(ok()))
yield from ok()  # expect error: 'yield' outside function
