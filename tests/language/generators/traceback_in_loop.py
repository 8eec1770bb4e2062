# An exception raised inside a generator body while a for-loop drives it:
# the traceback's innermost frame is the raising line inside the generator.
def parse(items):
    for item in items:
        print("parsing", item)
        yield int(item)  # expect runtime error: ValueError: invalid literal for int() with base 10: 'x'

total = 0
for n in parse(["1", "2", "x", "4"]):
    total += n
    print("total", total)
# expect: parsing 1
# expect: total 1
# expect: parsing 2
# expect: total 3
# expect: parsing x
# expect stderr: Traceback (most recent call last):
# expect stderr: line 9, in <module>
# expect stderr: line 6, in parse
