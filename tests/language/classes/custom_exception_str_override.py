class Oops(Exception):
    def __init__(self, what):
        super().__init__(what)
        self.what = what

    def __str__(self):
        return "oops: " + self.what


try:
    raise Oops("spill")
except Oops as e:
    print(e)  # expect: oops: spill
raise Oops("crash")  # expect runtime error: Oops: oops: crash
