class Temperature:
    def __init__(self, celsius):
        self._c = celsius

    @property
    def celsius(self):
        return self._c

    @celsius.setter
    def celsius(self, value):
        if value < -273:
            raise ValueError("too cold")
        self._c = value

    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32


t = Temperature(100)
print(t.celsius, t.fahrenheit)  # expect: 100 212.0
t.celsius = 0
print(t.fahrenheit)  # expect: 32.0
try:
    t.celsius = -300
except ValueError as e:
    print("error:", e)  # expect: error: too cold
