# isalpha: Unicode letters (L*) of every script; digits, marks and symbols are not.
for s in ["é", "straße", "привет", "ἀρχή", "שלום", "مرحبا", "漢字", "ㄱ", "ǅ", "ª", "ʰ"]:
    print(s, s.isalpha())
for s in ["٣", "²", "Ⅻ", "\u0301", "é\u0301", "€", "☃", "a b", "x_y", "\u200b"]:
    print(ascii(s), s.isalpha())
# expect: é True
# expect: straße True
# expect: привет True
# expect: ἀρχή True
# expect: שלום True
# expect: مرحبا True
# expect: 漢字 True
# expect: ㄱ True
# expect: ǅ True
# expect: ª True
# expect: ʰ True
# expect: '\u0663' False
# expect: '\xb2' False
# expect: '\u216b' False
# expect: '\u0301' False
# expect: '\xe9\u0301' False
# expect: '\u20ac' False
# expect: '\u2603' False
# expect: 'a b' False
# expect: 'x_y' False
# expect: '\u200b' False
