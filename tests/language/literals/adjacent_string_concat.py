s = "abc" 'def' "ghi"
print(s)  # expect: abcdefghi
