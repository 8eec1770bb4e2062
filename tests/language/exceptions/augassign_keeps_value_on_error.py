s = "abc"
try:
    s += 1
except TypeError as e:
    print(e)  # expect: can only concatenate str (not "int") to str
print(s)  # expect: abc
n = 7
try:
    n //= 0
except ZeroDivisionError as e:
    print(e)  # expect: integer division or modulo by zero
print(n)  # expect: 7
