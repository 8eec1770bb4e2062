out = []
for i in range(3):
    out.append(i)
    i = "text" * (i + 1)
print(out, i)  # expect: [0, 1, 2] texttexttext
