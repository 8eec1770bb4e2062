print(tuple([1, 2]))  # expect: (1, 2)
print(tuple("ab"))  # expect: ('a', 'b')
print(tuple())  # expect: ()
