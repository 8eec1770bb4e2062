s = """one
two"""
print(s)
# expect: one
# expect: two
print(len(s))  # expect: 7
print('''single 'quotes' inside''')  # expect: single 'quotes' inside
