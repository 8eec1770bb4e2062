# hello.py — a first tour of tide.  Run it with `build/tide examples/hello.py`;
# `python3 examples/hello.py` prints the same lines.


def factorial(n):
    result = 1
    for i in range(2, n + 1):
        result *= i
    return result


def describe(name, *scores, unit="pts", **extra):
    total = 0
    for s in scores:
        total += s
    line = f"{name:<6} {total:>5} {unit}"
    for key in extra:
        line += f" {key}={extra[key]!r}"
    return line


print("Hello from tide!")

# Small ints are machine words; they grow into big ints when they overflow.
print(f"2**62 = {2 ** 62:,}")
print(f"2**100 = {2 ** 100}")
print(f"25! = {factorial(25)}")
print(f"-7 // 2 = {-7 // 2}, -7 % 2 = {-7 % 2}")

# Floats print their shortest round-tripping form.
print(f"0.1 + 0.2 = {0.1 + 0.2}, 1/3 = {1 / 3:.4f}, pi ~ {355 / 113:>8.3f}")

# Strings are UTF-8 and indexed by code point.
word = "naïve café"
print(f"{word!r} has {len(word)} characters; the 3rd is {word[2]}, reversed: {word[::-1]}")

# Lists, tuples and insertion-ordered dicts.
primes = []
n = 2
while len(primes) < 10:
    for p in primes:
        if n % p == 0:
            break
    else:
        primes.append(n)
    n += 1
print("primes:", primes)

first, *middle, last = primes
print(f"first={first} last={last} middle has {len(middle)}")

counts = {}
for ch in "mississippi":
    counts[ch] = counts.get(ch, 0) + 1
print("letters:", counts)

print(describe("ann", 10, 20, 12))
print(describe("bob", 7, unit="goals", team="red", rank=1))
