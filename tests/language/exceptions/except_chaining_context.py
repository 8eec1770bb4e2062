try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise KeyError("k")
except KeyError as e:
    print(type(e.__context__).__name__)  # expect: ZeroDivisionError
    print(e.__cause__)  # expect: None
