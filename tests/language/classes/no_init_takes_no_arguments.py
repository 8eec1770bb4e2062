class Empty:
    pass


e = Empty()
print(type(e).__name__)  # expect: Empty
Empty(1)  # expect runtime error: TypeError: Empty() takes no arguments
