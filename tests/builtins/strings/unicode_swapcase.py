# swapcase(): uppercase letters are lowered (final sigma included), lowercase
# ones uppered with the full mappings; titlecase and uncased characters stay.
print("ß".swapcase(), "Straße".swapcase(), "ﬁ".swapcase())  # expect: SS sTRASSE FI
print("ÉCOLE école".swapcase(), "ПрИвЕт".swapcase(), "ǅ".swapcase(), "ǆǄ".swapcase())  # expect: école ÉCOLE пРиВеТ ǅ Ǆǆ
print("Ⅻⅻ".swapcase(), "ⓐⒶ".swapcase(), "ª".swapcase(), "ᾳᾼ".swapcase())  # expect: ⅻⅫ Ⓐⓐ ª ΑΙᾼ
print("ΑΣ".swapcase(), "ΣΑΣ A".swapcase(), "123 ٣ ½".swapcase())  # expect: ας σας a 123 ٣ ½
