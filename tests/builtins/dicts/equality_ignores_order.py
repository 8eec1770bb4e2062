print({"a": 1, "b": 2} == {"b": 2, "a": 1})  # expect: True
print({"a": 1} == {"a": 2})  # expect: False
