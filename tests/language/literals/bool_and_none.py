print(True, False, None)  # expect: True False None
print(True + True)  # expect: 2
print(True * 10)  # expect: 10
print(False - 1)  # expect: -1
print(True == 1, False == 0)  # expect: True True
