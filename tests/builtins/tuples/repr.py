print((1, 2))  # expect: (1, 2)
print((1,))  # expect: (1,)
print(())  # expect: ()
t = 1, 'b'
print(t)  # expect: (1, 'b')
print(((1, 2), [3]))  # expect: ((1, 2), [3])
