# casefold(): full case folding, for caseless comparison.
print("ß".casefold(), "ẞ".casefold(), "Straße".casefold() == "STRASSE".casefold())  # expect: ss ss True
print("ﬁ".casefold(), "ﬀ".casefold(), "ŉ".casefold())  # expect: fi ff ʼn
print("Σ".casefold(), "σ".casefold(), "ς".casefold())  # expect: σ σ σ
print("µ".casefold(), "ſ".casefold(), "ᾳ".casefold(), "ᾼ".casefold())  # expect: μ s αι αι
print("Ꭰ".casefold(), "ꭰ".casefold(), "İ".casefold() == "i\u0307", "ı".casefold())  # expect: Ꭰ Ꭰ True ı
print("ПРИВЕТ".casefold(), "Ǆ".casefold(), "Ⅻ".casefold())  # expect: привет ǆ ⅻ
print("ß".lower(), "ﬁ".lower(), "ς".lower())  # expect: ß ﬁ ς
