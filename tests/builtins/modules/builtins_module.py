# `import builtins` gives the builtins themselves; a name set on it is seen
# everywhere.
import builtins

print(builtins.len is len, builtins.TimeoutError is TimeoutError)   # expect: True True
builtins.answer = 42
print(answer)   # expect: 42

def f():
    return answer

print(f())   # expect: 42
