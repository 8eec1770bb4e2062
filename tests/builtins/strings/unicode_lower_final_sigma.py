# lower(): capital sigma becomes final ς at the end of a word, σ elsewhere.
print("ΣΑΣ".lower(), "ΟΔΟΣ ΟΔΟΣ".lower(), "Σ".lower(), "ΑΣ".lower())  # expect: σας οδος οδος σ ας
print("ΑΣ1".lower(), "ΑΣΑ".lower(), "Σ Α".lower(), "1Σ".lower())  # expect: ας1 ασα σ α 1σ
print("ΑΣ'".lower(), "ΑΣ'Α".lower(), "Α'Σ".lower(), "ΑΣ\u0301".lower())  # expect: ας' ασ'α α'ς ας́
print("ΑΣ.".lower(), "(ΑΣ)".lower(), "ΣΣ".lower(), "ΑΣΣ".lower())  # expect: ας. (ας) σς ασς
print("ΑΣ\u0301Α".lower() == "ασ\u0301α")  # expect: True
print("ΣΑΣ".title(), "ΣΑΣ ΣΑΣ".capitalize(), "ΣΑΣ".swapcase(), "σας".swapcase())  # expect: Σας Σας σας σας ΣΑΣ
print("ΣΑΣ".casefold(), "ς".upper(), "ς".casefold())  # expect: σασ Σ σ
print("ÀÉÎ ÕÜ".lower(), "ПРИВЕТ".lower(), "ẞ".lower(), "Ǆ".lower(), "Ⅻ".lower())  # expect: àéî õü привет ß ǆ ⅻ
