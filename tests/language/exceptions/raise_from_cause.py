def parse(s):
    try:
        return int(s)
    except ValueError as e:
        raise RuntimeError("bad input") from e
try:
    parse("x")
except RuntimeError as e:
    print(e, "|", e.__cause__)  # expect: bad input | invalid literal for int() with base 10: 'x'
