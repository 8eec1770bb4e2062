x = 1abc  # expect error: invalid decimal literal
