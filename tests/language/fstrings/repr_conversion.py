s = "hi"
print(f"{s!r}")  # expect: 'hi'
print(f"{s!s}")  # expect: hi
q = "it's"
print(f"{q!r}")  # expect: "it's"
print(f"{[s]}")  # expect: ['hi']
