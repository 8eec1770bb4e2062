# A syntax error before the point where the lexer fails is the one reported
# (CPython's parser pulls tokens as it goes), for `tide script.py` and
# `tide build` alike.
print("never runs")
def f(:  # expect error: invalid syntax
    pass
