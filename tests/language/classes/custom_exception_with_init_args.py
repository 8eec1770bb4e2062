class MyError(ValueError):
    def __init__(self, msg, code):
        super().__init__(msg)
        self.code = code


try:
    raise MyError("bad value", 7)
except ValueError as e:
    print(type(e).__name__, e, e.code)  # expect: MyError bad value 7
raise MyError("final", 1)  # expect runtime error: MyError: final
