import random
# (random is Python code in CPython: the innermost frame is in random.py)
# expect runtime error: ValueError: Sample larger than population or is negative
random.sample([1, 2, 3], 4)
