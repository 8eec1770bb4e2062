class Suppress:
    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None:
            print("suppressed", exc_type.__name__, exc)
        return True


with Suppress():
    raise KeyError("k")
# expect: suppressed KeyError 'k'
print("after")  # expect: after
