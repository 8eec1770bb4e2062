print("a\tb")  # expect: a	b
print("line1\nline2")
# expect: line1
# expect: line2
print("back\\slash")  # expect: back\slash
print('it\'s', "say \"hi\"")  # expect: it's say "hi"
print("\x41\u00e9\U0001F600")  # expect: Aé😀
