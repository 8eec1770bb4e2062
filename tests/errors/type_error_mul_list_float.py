xs = [1]
print(xs * 1.5)  # expect runtime error: TypeError: can't multiply sequence by non-int of type 'float'
