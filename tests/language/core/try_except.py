try:
    1 / 0
except ZeroDivisionError as e:
    print("caught", e)  # expect: caught division by zero
