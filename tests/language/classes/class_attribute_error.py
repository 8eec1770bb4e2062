class Point:
    pass


Point.missing  # expect runtime error: AttributeError: type object 'Point' has no attribute 'missing'
