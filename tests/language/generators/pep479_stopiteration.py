# PEP 479: StopIteration escaping a generator body becomes a RuntimeError.
def explicit():
    yield 1
    raise StopIteration("stop")

g = explicit()
print(next(g))  # expect: 1
try:
    next(g)
except RuntimeError as e:
    print("RuntimeError:", e)  # expect: RuntimeError: generator raised StopIteration
    print("cause:", repr(e.__cause__))  # expect: cause: StopIteration('stop')

# The common case: next() on an exhausted iterator inside a generator.
def firsts(iterables):
    for it in iterables:
        yield next(iter(it))

try:
    print(list(firsts([[1], [2], []])))
except RuntimeError as e:
    print("RuntimeError:", e)  # expect: RuntimeError: generator raised StopIteration

# A StopIteration caught inside the generator is fine.
def careful(iterables):
    for it in iterables:
        try:
            yield next(iter(it))
        except StopIteration:
            yield "empty"
print(list(careful([[1], [], [3]])))  # expect: [1, 'empty', 3]

# After the RuntimeError the generator is finished.
print(next(g, "finished"))  # expect: finished

# Uncaught: the traceback shows the StopIteration as the direct cause; the
# RuntimeError itself is reported at the line that resumed the generator.
def uncaught():
    yield 1
    raise StopIteration("from body")
for v in uncaught():  # expect runtime error: RuntimeError: generator raised StopIteration
    print(v)  # expect: 1
# expect stderr: in uncaught
# expect stderr: StopIteration: from body
# expect stderr: The above exception was the direct cause of the following exception:
