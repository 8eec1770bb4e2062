# sys.exc_info() and sys.exception() describe the exception being handled,
# innermost first, and nothing outside an except block.
import sys

print(sys.exc_info(), sys.exception())   # expect: (None, None, None) None

def describe():
    t, v, _ = sys.exc_info()
    return t.__name__, repr(v), sys.exception() is v

try:
    raise ValueError("outer")
except ValueError:
    print(describe())   # expect: ('ValueError', "ValueError('outer')", True)
    try:
        raise KeyError("inner")
    except KeyError:
        print(describe())   # expect: ('KeyError', "KeyError('inner')", True)
    print(describe())   # expect: ('ValueError', "ValueError('outer')", True)
print(sys.exc_info()[0], sys.exception())   # expect: None None
