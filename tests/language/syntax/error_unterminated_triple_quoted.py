x = 1
s = """abc  # expect error: unterminated triple-quoted string literal (detected at line 3)
def
