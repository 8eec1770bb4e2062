import random
# (random is Python code in CPython: the innermost frame is in random.py)
# expect runtime error: ValueError: zero step for randrange()
random.randrange(0, 10, 0)
