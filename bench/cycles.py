# Makes 200k reference cycles and drops each at once: per round, two objects
# that point at each other and a list that contains itself.  python3's cycle
# collector frees them; tide has none yet, so this also measures the leak
# (docs/differences.md, `cycles-leak`): `tide bench/cycles.py N [pairs|lists]`
# makes N rounds of one kind only, for measuring max RSS at several N.
import sys
import time  # bench: timer


class Node:
    def __init__(self, value):
        self.value = value
        self.other = None


def main(n, kind):
    total = 0
    for i in range(n):
        if kind != "lists":
            a = Node(i)
            b = Node(i + 1)
            a.other = b
            b.other = a  # a -> b -> a: never freed by reference counts alone
            total += a.other.other.value + b.other.value
        if kind != "pairs":
            xs = [i, i % 7]
            xs.append(xs)  # xs -> xs
            total += xs[2][2][1]
    return total


N = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
KIND = sys.argv[2] if len(sys.argv) > 2 else "both"
t0 = time.perf_counter()  # bench: timer
checksum = main(N, KIND)
t1 = time.perf_counter()  # bench: timer
print("cycles", f"{t1 - t0:.6f}", checksum)
