s = "ab"
print(f"[{s:<6}]")  # expect: [ab    ]
print(f"[{s:>6}]")  # expect: [    ab]
print(f"[{s:^7}]")  # expect: [  ab   ]
print(f"[{s:*>6}]")  # expect: [****ab]
print(f"[{42:6}]")  # expect: [    42]
print(f"[{42:<6}]")  # expect: [42    ]
