class A:
    pass


len(A())  # expect runtime error: TypeError: object of type 'A' has no len()
