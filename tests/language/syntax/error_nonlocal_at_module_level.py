nonlocal x  # expect error: nonlocal declaration not allowed at module level
