class Resource:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        print("open", self.name)
        return self

    def __exit__(self, exc_type, exc, tb):
        print("close", self.name, exc_type is not None)
        return False


with Resource("a") as r:
    print("using", r.name)
# expect: open a
# expect: using a
# expect: close a False
