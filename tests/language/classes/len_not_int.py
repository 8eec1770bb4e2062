class Bad:
    def __len__(self):
        return "3"


len(Bad())  # expect runtime error: TypeError: 'str' object cannot be interpreted as an integer
