"""A module docstring is an expression statement and prints nothing."""
print("after")  # expect: after
