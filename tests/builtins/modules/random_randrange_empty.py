import random
# (random is Python code in CPython: the innermost frame is in random.py)
# expect runtime error: ValueError: empty range for randrange() (5, 5, 0)
random.randrange(5, 5)
