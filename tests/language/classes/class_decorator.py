def register(cls):
    cls.registered = True
    return cls


@register
class Plugin:
    pass


print(Plugin.registered)  # expect: True
