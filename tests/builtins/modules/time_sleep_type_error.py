import time
time.sleep("1")  # expect runtime error: TypeError: 'str' object cannot be interpreted as an integer
