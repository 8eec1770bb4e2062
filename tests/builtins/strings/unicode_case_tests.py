# isupper/islower/istitle follow Unicode's Uppercase/Lowercase properties
# (ª and ᵃ are lowercase, Ⅻ and Ⓐ uppercase) and titlecase letters (ǅ).
print("ΑΒΓ".isupper(), "αβγ".islower(), "ПРИВЕТ".isupper(), "привет".islower())  # expect: True True True True
print("ª".islower(), "ᵃ".islower(), "ʰ".islower(), "ª".isupper())  # expect: True True True False
print("Ⅻ".isupper(), "ⅻ".islower(), "Ⓐ".isupper(), "ⓐ".islower())  # expect: True True True True
print("ǅ".isupper(), "ǅ".islower(), "ǅ".istitle(), "Ǆ".isupper(), "ǆ".islower())  # expect: False False True True True
print("ǅemal".istitle(), "Ǆemal".istitle(), "ǅEmal".istitle(), "Straße".istitle())  # expect: True True False True
print("Élan Vital".istitle(), "élan Vital".istitle(), "ῼ".istitle(), "Ἀρχή Καί".istitle())  # expect: True False True True
print("ABCǅ".isupper(), "abcǅ".islower(), "ß".islower(), "ß".isupper(), "ẞ".isupper())  # expect: False False True False True
print("١٢٣".isupper(), "A١".isupper(), "a٣".islower(), "Ⅻ Ⅻ".istitle())  # expect: False True True True
