x = 1
1 = x  # expect error: cannot assign to literal here. Maybe you meant '==' instead of '='?
