d = {}
d["zebra"] = 1
d["apple"] = 2
d["mango"] = 3
print(d)  # expect: {'zebra': 1, 'apple': 2, 'mango': 3}
for k in d:
    print(k)
# expect: zebra
# expect: apple
# expect: mango
