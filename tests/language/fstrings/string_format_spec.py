s = "héllo"
print(f"[{s:>7}]")  # expect: [  héllo]
print(f"[{s:.2}]")  # expect: [hé]
print(f"[{s!r:>9}]")  # expect: [  'héllo']
