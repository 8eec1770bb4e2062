class Config:
    debug = False


a = Config()
b = Config()
a.debug = True
print(a.debug, b.debug, Config.debug)  # expect: True False False
Config.debug = "on"
print(b.debug)  # expect: on
del a.debug
print(a.debug)  # expect: on
