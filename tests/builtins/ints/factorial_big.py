def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)
print(fact(20))  # expect: 2432902008176640000
print(fact(21))  # expect: 51090942171709440000
print(fact(30))  # expect: 265252859812191058636308480000000
