print("never printed")
x = (1 +  # expect error: '(' was never closed
