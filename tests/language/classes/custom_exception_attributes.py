class AppError(Exception):
    def __init__(self, msg, code):
        super().__init__(msg)
        self.code = code


try:
    raise AppError("disk full", 28)
except AppError as e:
    print(e, e.code, e.args)  # expect: disk full 28 ('disk full',)
    print(repr(e))  # expect: AppError('disk full')
