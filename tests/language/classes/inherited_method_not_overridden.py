class Shape:
    def describe(self):
        return "I am a " + self.kind()

    def kind(self):
        return "shape"


class Square(Shape):
    def kind(self):
        return "square"


print(Square().describe())  # expect: I am a square
print(Shape().describe())  # expect: I am a shape
