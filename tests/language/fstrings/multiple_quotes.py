d = {'k': 'v'}
print(f"{d['k']}")  # expect: v
print(f'{"x"}')  # expect: x
print(f"""{d["k"]}""")  # expect: v
