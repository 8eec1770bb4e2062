# title() and capitalize() use titlecase for a word's first letter (ǆ → ǅ)
# and the full mappings (ß → Ss).
print("ǆemal".capitalize(), "ǆemal".title(), "ǅEMAL".capitalize(), "ǲ".title())  # expect: ǅemal ǅemal ǅemal ǲ
print("ß".capitalize(), "ß".title(), "straße".title(), "ßa".title())  # expect: Ss Ss Straße Ssa
print("ﬁre ﬂy".title(), "ﬁre".capitalize(), "ᾳ".title(), "ᾳ".capitalize())  # expect: Fire Fly Fire ᾼ ᾼ
print("élan vital".capitalize(), "ÉLAN VITAL".capitalize(), "ÿes".title())  # expect: Élan vital Élan vital Ÿes
print("привет мир".title(), "ἀρχή καί".title(), "они's".title())  # expect: Привет Мир Ἀρχή Καί Они'S
print("x\u0301y ab".title(), "ʼn".title(), "ŉ".title(), "ŉ".capitalize())  # expect: X́Y Ab ʼN ʼN ʼN
print("hello wörld".title(), "HELLO WÖRLD".title(), "3ß".title(), "ⅻ ⅻ".title())  # expect: Hello Wörld Hello Wörld 3Ss Ⅻ Ⅻ
