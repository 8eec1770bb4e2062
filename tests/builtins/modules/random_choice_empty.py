import random
# (random is Python code in CPython: the innermost frame is in random.py)
# expect runtime error: IndexError: Cannot choose from an empty sequence
random.choice([])
