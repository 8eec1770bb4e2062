print(f"{}")  # expect error: f-string: empty expression not allowed
