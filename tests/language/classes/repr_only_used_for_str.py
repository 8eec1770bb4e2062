class P:
    def __repr__(self):
        return "P!"


print(P())  # expect: P!
print(str(P()), {"k": P()})  # expect: P! {'k': P!}
