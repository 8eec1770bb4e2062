# isspace, split() and strip() use Unicode's whitespace, not just ASCII's.
for c in ["\u2003", "\u00a0", "\u1680", "\u0085", "\u3000", "\u2028", "\u2029", "\u202f",
          "\u205f", "\u001c", "\u200b", "\ufeff", "\u180e", "\u2060"]:
    print(ascii(c), c.isspace())
print("a\u2003b\u00a0c\u1680d\x85e\u3000f".split())
print("x\u2003y z".split(None, 1), "x\u2003y\u2003z".rsplit(maxsplit=1))
print(ascii("\u3000\u00a0 text\u2003\u2029".strip()), ascii("\u2003x\u2003".lstrip()))
print(ascii("\u2003x\u2003".rstrip()), ascii("\u200bx\u200b".strip()))
print(" \u2003\u00a0".isspace(), "\u2003x".isspace(), "".isspace())
# expect: '\u2003' True
# expect: '\xa0' True
# expect: '\u1680' True
# expect: '\x85' True
# expect: '\u3000' True
# expect: '\u2028' True
# expect: '\u2029' True
# expect: '\u202f' True
# expect: '\u205f' True
# expect: '\x1c' True
# expect: '\u200b' False
# expect: '\ufeff' False
# expect: '\u180e' False
# expect: '\u2060' False
# expect: ['a', 'b', 'c', 'd', 'e', 'f']
# expect: ['x', 'y z'] ['x\u2003y', 'z']
# expect: 'text' 'x\u2003'
# expect: '\u2003x' '\u200bx\u200b'
# expect: True False False
