s = "abc"
print(repr(s[2:100]))  # expect: 'c'
print(repr(s[5:10]))  # expect: ''
print(repr(s[-100:1]))  # expect: 'a'
print(repr(s[2:1]))  # expect: ''
