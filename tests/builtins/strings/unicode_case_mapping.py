# Case mapping and classification follow Unicode, whatever the locale.
print("é".upper())  # expect: É
print("ÀÉÎ".lower())  # expect: àéî
print("straße".title())  # expect: Straße
print("élan vital".capitalize())  # expect: Élan vital
print("ÉCOLE".swapcase())  # expect: école
print("é".isalpha(), "\u00a0".isspace(), "é".isupper(), "É".isupper())  # expect: True True False True
print("Σ".lower(), "ǅ".upper())  # expect: σ Ǆ
