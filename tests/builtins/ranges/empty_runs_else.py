for i in range(0):
    print("never")
else:
    print("else")  # expect: else
