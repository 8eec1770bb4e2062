for c in "héy😀":
    print(c)
# expect: h
# expect: é
# expect: y
# expect: 😀
