a = "foo"
b = "bar"
print(a + b)  # expect: foobar
print(a + " " + b + "!")  # expect: foo bar!
print("é" + "日")  # expect: é日
