print(1, 2, 3, sep="-")  # expect: 1-2-3
print("a", end="")
print("b")  # expect: ab
print(1, 2, sep="")  # expect: 12
print("x", "y", sep=", ", end="!\n")  # expect: x, y!
print()  # expect:
print("z", end="\n\n")
# expect: z
# expect:
print("done")  # expect: done
