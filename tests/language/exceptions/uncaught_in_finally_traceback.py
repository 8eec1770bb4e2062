def f():
    try:
        return 1
    finally:
        print("cleanup")
        raise ValueError("from finally")
f()
# expect: cleanup
# expect runtime error: ValueError: from finally
