x = 5
print(f"{{}}")  # expect: {}
print(f"{{{x}}}")  # expect: {5}
print(f"{{x}}")  # expect: {x}
