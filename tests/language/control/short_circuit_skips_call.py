def loud(v):
    print("called", v)
    return v
r = loud(0) or loud(2)
# expect: called 0
# expect: called 2
print(r)  # expect: 2
r = loud(0) and loud(3)
# expect: called 0
print(r)  # expect: 0
