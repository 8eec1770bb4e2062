print(1e-5)  # expect: 1e-05
print(0.0001)  # expect: 0.0001
print(1.5e-10)  # expect: 1.5e-10
print(5e-324)  # expect: 5e-324
