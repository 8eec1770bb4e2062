print("never printed")
return 1  # expect error: 'return' outside function
