print(repr("a\nb"))  # expect: 'a\nb'
print(repr("\t\r"))  # expect: '\t\r'
print(repr("\x00\x7f"))  # expect: '\x00\x7f'
print(repr("é日😀"))  # expect: 'é日😀'
