import math
print(math.ceil(math.nan))  # expect runtime error: ValueError: cannot convert float NaN to integer
