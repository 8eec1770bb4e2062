print(None)  # expect: None
print()  # expect:
print("", "")  # expect:  
