x = "abc  # expect error: unterminated string literal (detected at line 1)
