x = 1
if x:
    break  # expect error: 'break' outside loop
