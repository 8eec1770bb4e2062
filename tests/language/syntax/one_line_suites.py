x = 5
if x > 3: print("big")  # expect: big
while x > 3: x -= 1
print(x)  # expect: 3
def f(): return 7
print(f())  # expect: 7
