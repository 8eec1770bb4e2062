# stdin: world
# stdin: 42
name = input()
n = int(input())
print(f"hello {name} {n + 1}")  # expect: hello world 43
