xs = []
xs.pop()  # expect runtime error: IndexError: pop from empty list
