if True:
    pass
def f():
    pass
print(f())  # expect: None
