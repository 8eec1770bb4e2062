# yield is only allowed inside a function body.
print("never printed")
x = 1
yield x  # expect error: 'yield' outside function
