total = 0
for x in ["1", "a", "3", None]:
    try:
        total += int(x)
    except ValueError:
        print("skip", x)
    except TypeError as e:
        print("type", e)
    else:
        print("ok", x)
print(total)
# expect: ok 1
# expect: skip a
# expect: ok 3
# expect: type int() argument must be a string, a bytes-like object or a real number, not 'NoneType'
# expect: 4
