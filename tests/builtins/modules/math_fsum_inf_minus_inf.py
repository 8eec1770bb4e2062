import math
math.fsum([math.inf, -math.inf])  # expect runtime error: ValueError: -inf + inf in fsum
