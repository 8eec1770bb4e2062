a = "n="
print(a + 5)  # expect runtime error: TypeError: can only concatenate str (not "int") to str
