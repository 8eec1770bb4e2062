# max_workers must be greater than 0.
from concurrent.futures import ThreadPoolExecutor

try:
    ThreadPoolExecutor(max_workers=0)
except ValueError as e:
    print(e)   # expect: max_workers must be greater than 0
# expect runtime error: ValueError: max_workers must be greater than 0
ThreadPoolExecutor(-1)
