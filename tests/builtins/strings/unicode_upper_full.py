# upper() uses the full mappings: one character may become two or three.
print("ß".upper(), "straße".upper(), len("straße".upper()))  # expect: SS STRASSE 7
print("ﬁ".upper(), "ﬀ".upper(), "ﬃ".upper(), "ﬆ".upper())  # expect: FI FF FFI ST
print("ŉ".upper(), "ǰ".upper(), "ΐ".upper(), [hex(ord(c)) for c in "ΐ".upper()])  # expect: ʼN J̌ Ϊ́ ['0x399', '0x308', '0x301']
print("և".upper(), "ﬓ".upper(), "ﬔ".upper())  # expect: ԵՒ ՄՆ ՄԵ
print("ᾳ".upper(), "ῳ".upper(), "ᾀ".upper())  # expect: ΑΙ ΩΙ ἈΙ
print("ÿ".upper(), "µ".upper(), "ı".upper(), "ſ".upper())  # expect: Ÿ Μ I S
print("привет мир".upper(), "ἀρχή".upper(), "ǆ".upper(), "ǅ".upper())  # expect: ПРИВЕТ МИР ἈΡΧΉ Ǆ Ǆ
print("ꭰ".upper(), "ა".upper(), "ɐ".upper())  # expect: Ꭰ Ა Ɐ
print("abc ß xyz".upper(), len("ßßß".upper()))  # expect: ABC SS XYZ 6
