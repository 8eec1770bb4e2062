class Version:
    def __init__(self, major, minor):
        self.major = major
        self.minor = minor

    def __lt__(self, other):
        return (self.major, self.minor) < (other.major, other.minor)

    def __repr__(self):
        return f"v{self.major}.{self.minor}"


vs = [Version(2, 0), Version(1, 5), Version(1, 10)]
print(sorted(vs))  # expect: [v1.5, v1.10, v2.0]
print(max(vs), min(vs))  # expect: v2.0 v1.5
print(Version(1, 0) > Version(0, 9))  # expect: True
