# Many suspended generators alive at once, each resumed independently.
def counter(start, step):
    value = start
    while True:
        yield value
        value += step

gens = [counter(i, i % 7) for i in range(10000)]
firsts = [next(g) for g in gens]
print(len(gens), sum(firsts))  # expect: 10000 49995000
seconds = [next(g) for g in gens]
print(sum(seconds))  # expect: 50024994
# Advance every third one again, in reverse order.
for g in reversed(gens[::3]):
    next(g)
print(sum(next(g) for g in gens))  # expect: 50064987

# Generators with local state of their own, interleaved round-robin.
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b

def squares():
    n = 0
    while True:
        yield n * n
        n += 1

pool = [fib() if i % 2 else squares() for i in range(1000)]
rows = []
for _ in range(20):
    rows.append(sum(next(g) for g in pool))
print(rows[:5])  # expect: [0, 1000, 2500, 5500, 9500]
print(rows[-1])  # expect: 2271000

# Half of them finish early; the rest keep going.
def limited(n):
    yield from range(n)
finite = [limited(i % 2 * 3) for i in range(5000)]
print(sum(len(list(g)) for g in finite))  # expect: 7500
print(sum(next(g, -1) for g in finite))  # expect: -5000
del gens, pool, finite
print("released")  # expect: released
