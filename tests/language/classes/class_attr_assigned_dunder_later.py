class P:
    pass


p = P()
print(repr(p).startswith("<__main__.P object"))  # expect: True
P.__repr__ = lambda self: "patched"
print(repr(p), [p])  # expect: patched [patched]
