def f():
    continue  # expect error: 'continue' not properly in loop
