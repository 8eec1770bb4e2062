for x in (3, "b", None):
    print(x)
# expect: 3
# expect: b
# expect: None
