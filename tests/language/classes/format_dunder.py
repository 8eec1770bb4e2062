class Temp:
    def __init__(self, deg):
        self.deg = deg

    def __format__(self, spec):
        if spec == "f":
            return f"{self.deg * 9 / 5 + 32:.1f}F"
        return f"{self.deg}C"


t = Temp(100)
print(f"{t} {t:f}")  # expect: 100C 212.0F
print(format(t, "f"))  # expect: 212.0F
