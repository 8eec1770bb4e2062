class AppError(Exception):
    pass


class DbError(AppError):
    pass


def check(exc):
    try:
        raise exc
    except DbError:
        return "db"
    except AppError:
        return "app"
    except Exception:
        return "other"


print(check(DbError()), check(AppError()), check(ValueError()))  # expect: db app other
print(issubclass(DbError, Exception), isinstance(DbError(), AppError))  # expect: True True
