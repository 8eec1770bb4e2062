def f():
    try:
        raise ValueError("lost")
    finally:
        return "finally wins"
print(f())  # expect: finally wins
