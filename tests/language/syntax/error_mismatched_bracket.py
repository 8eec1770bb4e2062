x = (1, 2]  # expect error: closing parenthesis ']' does not match opening parenthesis '('
