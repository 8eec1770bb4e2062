d = {"a": 1}
print(d.get("a"), d.get("x"), d.get("x", 5))  # expect: 1 None 5
