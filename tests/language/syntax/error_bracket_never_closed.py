xs = [1, 2,  # expect error: '[' was never closed
