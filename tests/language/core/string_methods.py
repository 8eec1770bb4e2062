s = "  Hello, World  "
print(s.strip().upper(), s.split(), "-".join(["a", "b"]))  # expect: HELLO, WORLD ['Hello,', 'World'] a-b
