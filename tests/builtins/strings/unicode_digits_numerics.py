# isdecimal ⊂ isdigit ⊂ isnumeric, by Unicode's Numeric_Type, in several scripts.
def classes(s):
    return "".join("1" if m() else "0" for m in (s.isdecimal, s.isdigit, s.isnumeric, s.isalnum, s.isalpha))

print("ASCII", classes("123"))  # expect: ASCII 11110
print("Arabic-Indic", classes("٣"), classes("١٢٣"))  # expect: Arabic-Indic 11110 11110
print("Devanagari", classes("७"), "Bengali", classes("৩"), "Thai", classes("๓"))  # expect: Devanagari 11110 Bengali 11110 Thai 11110
print("fullwidth", classes("１２"))  # expect: fullwidth 11110
print("superscripts", classes("²"), classes("¹²³"), "subscript", classes("₂"))  # expect: superscripts 01110 01110 subscript 01110
print("circled", classes("①"), "fraction", classes("½"), classes("⅓"))  # expect: circled 01110 fraction 00110 00110
print("Roman numerals", classes("Ⅻ"), classes("ⅻ"))  # expect: Roman numerals 00110 00110
print("CJK", classes("三"), "Ethiopic", classes("፩"), "Tamil ten", classes("௰"))  # expect: CJK 00111 Ethiopic 01110 Tamil ten 00110
print("mixed", classes("12²"), classes("٣½"), classes("x²"), classes("½x"))  # expect: mixed 01110 00110 00010 00010
print("".isdecimal(), "".isdigit(), "".isnumeric(), "".isalnum())  # expect: False False False False
