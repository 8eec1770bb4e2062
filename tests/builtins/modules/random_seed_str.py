import random
random.seed("hello")
print(random.random())  # expect: 0.3537754404730722
random.seed("")
print(random.random())  # expect: 0.9602256525641875
random.seed("a much longer seed string that spans more than one sha-512 block of input, " * 3)
print(random.randint(1, 10**9))  # expect: 95976900
random.seed("héllo wörld")
print(random.random())  # expect: 0.07829104647591212
random.seed(b"hello")
print(random.random())  # expect: 0.3537754404730722
