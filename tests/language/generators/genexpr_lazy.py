# Generator expressions compute their items only when asked.
def check(x):
    print("check", x)
    return x > 2

print(any(check(x) for x in [1, 3, 5, 7]))
# expect: check 1
# expect: check 3
# expect: True
print(all(check(x) for x in [5, 1, 9]))
# expect: check 5
# expect: check 1
# expect: False

def naturals():
    n = 0
    while True:
        yield n
        n += 1

# next() on a genexpr over an infinite generator.
print(next(x for x in naturals() if x * x > 50))  # expect: 8

# A genexpr over a genexpr over a generator: nothing runs until pulled.
def noisy(n):
    for i in range(n):
        print("produce", i)
        yield i

squares = (v * v for v in noisy(3))
evens = (s for s in squares if s % 2 == 0)
print("built")  # expect: built
print(next(evens))
# expect: produce 0
# expect: 0
print(next(evens))
# expect: produce 1
# expect: produce 2
# expect: 4
print(next(evens, "done"))  # expect: done

# The element expression runs once per item, when the item is taken.
g = (check(x) for x in [0, 10])
print("genexpr made")  # expect: genexpr made
for r in g:
    print("took", r)
# expect: check 0
# expect: took False
# expect: check 10
# expect: took True
