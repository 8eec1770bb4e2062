class Registry(dict):
    def register(self, name):
        self[name] = len(self)


r = Registry(a=0)
r.register("b")
print(r, r["b"], len(r))  # expect: {'a': 0, 'b': 1} 1 2
r.note = "extra"
print(r.note, isinstance(r, dict))  # expect: extra True
