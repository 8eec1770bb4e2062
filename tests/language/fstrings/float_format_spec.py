x = 3.14159
print(f"[{x:>8.2f}]")  # expect: [    3.14]
print(f"{x:.3f}")  # expect: 3.142
print(f"[{x:<8.1f}]")  # expect: [3.1     ]
print(f"{2.5:.0f} {3.5:.0f}")  # expect: 2 4
print(f"{1e16:.2f}")  # expect: 10000000000000000.00
