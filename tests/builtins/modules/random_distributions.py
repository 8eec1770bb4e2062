import random
random.seed(11)
print(random.uniform(1, 10))  # expect: 5.071415981588368
print(random.uniform(5.0, -5.0))  # expect: -0.59772386080496
print(random.gauss(0, 1))  # expect: 0.9949996276709397
print(random.gauss(0, 1))  # expect: -0.5132099485894354
print(random.gauss(100, 15))  # expect: 80.06531198970536
print(random.normalvariate(0, 1))  # expect: -1.1083456507249343
print(random.normalvariate())  # expect: 1.0762923740794708
print(random.expovariate(2.0))  # expect: 0.04942612368888002
print(random.triangular(0, 10, 2))  # expect: 2.5348878782674698
print(random.triangular())  # expect: 0.21292080392934765
