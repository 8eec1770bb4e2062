x = 1
def f():
    x = 2
    global x  # expect error: name 'x' is assigned to before global declaration
