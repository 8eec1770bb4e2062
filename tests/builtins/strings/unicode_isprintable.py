# isprintable: separators other than the space, format characters (zero
# width ones included), controls, private use and unassigned code points are
# not printable; repr escapes exactly those.
for c in ["é", "\u0301", "\u00a0", "\u00ad", "\u200b", "\u200c", "\u200d", "\u2060",
          "\ufeff", "\u2028", "\u2003", "\u1680", "\ue000", "\u0378", "\U0001f600", "\u0085",
          "\u061c", "\U000e0001", "\ufffd", "\U0010ffff"]:
    print(ascii(c), c.isprintable(), repr(c) != "'" + c + "'")
print("".isprintable(), "héllo wörld".isprintable(), "a\u200bb".isprintable())
print(repr("a\u200bb\u00a0c\u00add\u2028e"), repr("\U0001f600\ue000"))
# expect: '\xe9' True False
# expect: '\u0301' True False
# expect: '\xa0' False True
# expect: '\xad' False True
# expect: '\u200b' False True
# expect: '\u200c' False True
# expect: '\u200d' False True
# expect: '\u2060' False True
# expect: '\ufeff' False True
# expect: '\u2028' False True
# expect: '\u2003' False True
# expect: '\u1680' False True
# expect: '\ue000' False True
# expect: '\u0378' False True
# expect: '\U0001f600' True False
# expect: '\x85' False True
# expect: '\u061c' False True
# expect: '\U000e0001' False True
# expect: '\ufffd' True False
# expect: '\U0010ffff' False True
# expect: True True False
# expect: 'a\u200bb\xa0c\xadd\u2028e' '😀\ue000'
