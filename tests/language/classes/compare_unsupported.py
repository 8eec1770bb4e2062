class A:
    pass


A() < A()  # expect runtime error: TypeError: '<' not supported between instances of 'A' and 'A'
