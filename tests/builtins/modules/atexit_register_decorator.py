# register returns its function, so it works as a decorator.
import atexit

@atexit.register
def goodbye():
    print("goodbye")

print(goodbye.__name__)   # expect: goodbye
goodbye()                 # expect: goodbye
# expect: goodbye
