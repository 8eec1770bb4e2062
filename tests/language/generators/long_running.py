# One generator producing a million values.
def numbers(n):
    i = 0
    while i < n:
        yield i
        i += 1

print(sum(numbers(1_000_000)))  # expect: 499999500000

total = 0
count = 0
for v in numbers(1_000_000):
    if v % 3 == 0:
        total += v
        count += 1
print(count, total)  # expect: 333334 166666833333

# A genexpr pipeline of the same length.
print(sum(x % 10 for x in numbers(1_000_000) if x & 1))  # expect: 2500000

# A coroutine-style generator driven by a million send() calls.
def accumulate():
    total = 0
    while True:
        total += yield total

acc = accumulate()
next(acc)
last = 0
for i in range(1_000_000):
    last = acc.send(i)
print(last)  # expect: 499999500000

# yield from over a long range.
def delegate():
    yield from range(1_000_000)
print(max(delegate()))  # expect: 999999
