class JsonMixin:
    def to_json(self):
        return "{" + ", ".join(f'"{k}": {v!r}' for k, v in self.__dict__.items()) + "}"


class Base:
    def __init__(self, x):
        self.x = x


class Item(Base, JsonMixin):
    pass


i = Item(3)
print(i.to_json())  # expect: {"x": 3}
print([c.__name__ for c in Item.__mro__])  # expect: ['Item', 'Base', 'JsonMixin', 'object']
print(isinstance(i, JsonMixin))  # expect: True
