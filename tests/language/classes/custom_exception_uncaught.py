class MyError(ValueError):
    pass


def fail():
    raise MyError("boom")  # expect runtime error: MyError: boom


fail()
