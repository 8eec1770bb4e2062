# int() and float() read decimal digits of any script, and Unicode spaces.
print(int("٣"), int("١٢٣"), int("७"), int("１２"), int("๓๔"), int("\u2003٤٢\u3000"))
print(int("-٣"), int("٣", 16), int("1_٣"), int("\u00a0+७\u00a0"), int("𝟗𝟘"))
print(float("٣.٥"), float("\u2003１.５e２ "), float("-٣"), float("٣e٣"))
for s in ["²", "½", "Ⅻ", "٣é", "\u200b3", "3\u200b", "٣_"]:
    try:
        int(s)
    except ValueError as e:
        print(e)
    try:
        float(s)
    except ValueError as e:
        print(e)
# expect: 3 123 7 12 34 42
# expect: -3 3 13 7 90
# expect: 3.5 150.0 -3.0 3000.0
# expect: invalid literal for int() with base 10: '²'
# expect: could not convert string to float: '²'
# expect: invalid literal for int() with base 10: '½'
# expect: could not convert string to float: '½'
# expect: invalid literal for int() with base 10: 'Ⅻ'
# expect: could not convert string to float: 'Ⅻ'
# expect: invalid literal for int() with base 10: '٣é'
# expect: could not convert string to float: '٣é'
# expect: invalid literal for int() with base 10: '\u200b3'
# expect: could not convert string to float: '\u200b3'
# expect: invalid literal for int() with base 10: '3\u200b'
# expect: could not convert string to float: '3\u200b'
# expect: invalid literal for int() with base 10: '٣_'
# expect: could not convert string to float: '٣_'
