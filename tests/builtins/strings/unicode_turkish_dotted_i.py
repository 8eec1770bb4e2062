# Turkish dotted and dotless I: Python's mappings are locale-independent.
print("İ".lower() == "i\u0307", len("İ".lower()), "İ".lower().upper() == "İ")  # expect: True 2 False
print("ı".upper(), "ı".isalpha(), "ı".islower(), "İ".isupper())  # expect: I True True True
print("İSTANBUL".lower() == "i\u0307stanbul", len("İSTANBUL".lower()))  # expect: True 9
print("ıi".upper(), "Iİ".casefold() == "ii\u0307", "İ".title(), "ı".title())  # expect: II True İ I
print("İ".swapcase() == "i\u0307", "ı".swapcase(), "İı".capitalize() == "İı")  # expect: True I True
