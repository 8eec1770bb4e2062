# a comment on its own line

x = 1  # a trailing comment


    # an indented comment is not an indent
print(x)  # expect: 1
