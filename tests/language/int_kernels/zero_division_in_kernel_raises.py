# A zero divisor inside a kernel raises python3's ZeroDivisionError from the
# line that divides, after the earlier iterations ran.
def divide_all(lo, hi):
    total = 0
    for i in range(lo, hi):
        total += 1000 // i  # expect runtime error: ZeroDivisionError: integer division or modulo by zero
    return total


print(divide_all(1, 10))  # expect: 2827
print(divide_all(-9, 0))  # expect: -2831
print(divide_all(-3, 3))
