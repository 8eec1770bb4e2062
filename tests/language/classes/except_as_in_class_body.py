# `except E as e:` in a class body unbinds e in the class namespace at the
# end of the handler (tide crashed building the class before).
class D:
    try:
        raise KeyError(1)
    except KeyError as e:
        r = repr(e)
print(D.r, hasattr(D, "e"))  # expect: KeyError(1) False
