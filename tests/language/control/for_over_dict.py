d = {"one": 1, "two": 2}
for k in d:
    print(k, d[k])
else:
    print("end")
# expect: one 1
# expect: two 2
# expect: end
