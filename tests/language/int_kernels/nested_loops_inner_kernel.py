# Only the innermost loop becomes a kernel; it starts afresh (and may bail
# out) on each pass of the outer loop.
def grid(n, scale):
    rows = []
    for j in range(n):
        acc = j
        for k in range(5):
            acc = acc * scale + k
        rows.append(acc)
    return rows


print(grid(4, 10))  # expect: [1234, 101234, 201234, 301234]
print(grid(4, 2**15))  # expect: [35186519670788, 37778931898143681380356, 75557863761100843089924, 113336795624058004799492]
print(grid(3, -(2**16)))  # expect: [-281466386972668, -1208925819896095561678844, -2417851639510724736385020]


def outer_while(n):
    total = 0
    j = 0
    while j < n:
        x = 2**62 - 3 + j if j % 2 else j
        for k in range(3):
            x += k
        total += x
        j += 1
    return total


print(outer_while(4))  # expect: 9223372036854775820


def outer_big_then_small(vals):
    out = []
    for v in vals:
        s = v
        for k in range(3):
            s = s * 2 + k
        out.append(s)
    return out


print(outer_big_then_small([2**70, 1, 2**61, -2**62, 5]))  # expect: [9444732965739290427396, 12, 18446744073709551620, -36893488147419103228, 44]
