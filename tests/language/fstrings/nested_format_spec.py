x = 3.14159
w = 10
p = 3
print(f"[{x:{w}}]")  # expect: [   3.14159]
print(f"[{x:>{w}.{p}f}]")  # expect: [     3.142]
print(f"[{'ab':{w}}]")  # expect: [ab        ]
