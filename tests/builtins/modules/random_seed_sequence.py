import random
random.seed(42)
for i in range(5):
    print(random.random())
random.seed(-42)
print(random.random())
random.seed(0)
print(random.random())
random.seed(2**100 + 7)
print(random.random())
# expect: 0.6394267984578837
# expect: 0.025010755222666936
# expect: 0.27502931836911926
# expect: 0.22321073814882275
# expect: 0.7364712141640124
# expect: 0.6394267984578837
# expect: 0.8444218515250481
# expect: 0.41604161323913513
