class NotFound(LookupError):
    pass


try:
    raise NotFound("missing", 3)
except LookupError as e:
    print(type(e).__name__, e.args, str(e))  # expect: NotFound ('missing', 3) ('missing', 3)
try:
    raise NotFound
except NotFound as e:
    print(repr(e))  # expect: NotFound()
