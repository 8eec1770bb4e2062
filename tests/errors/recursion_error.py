def forever(n):
    return forever(n + 1)  # expect runtime error: RecursionError: maximum recursion depth exceeded
forever(0)
