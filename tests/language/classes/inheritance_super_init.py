class Animal:
    def __init__(self, name):
        self.name = name

    def speak(self):
        return self.name + " makes a sound"


class Dog(Animal):
    def __init__(self, name, breed):
        super().__init__(name)
        self.breed = breed

    def speak(self):
        return self.name + " barks"


d = Dog("Rex", "lab")
print(d.name, d.breed)  # expect: Rex lab
print(d.speak())  # expect: Rex barks
print(Animal("Cat").speak())  # expect: Cat makes a sound
