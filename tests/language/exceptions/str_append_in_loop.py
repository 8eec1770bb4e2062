def build(n):
    s = ""
    for i in range(n):
        s += str(i % 10)
    return s
t = build(25)
print(t, len(t))  # expect: 0123456789012345678901234 25
u = t
t += "!"
print(u[-1], t[-1])  # expect: 4 !
