import math
print(math.sin(0), math.cos(0), math.tan(0))  # expect: 0.0 1.0 0.0
print(math.sin(math.pi / 6))  # expect: 0.49999999999999994
print(math.cos(math.pi / 3))  # expect: 0.5000000000000001
print(math.tan(math.pi / 4))  # expect: 0.9999999999999999
print(math.asin(1), math.acos(0), math.atan(1))  # expect: 1.5707963267948966 1.5707963267948966 0.7853981633974483
print(math.atan2(1, 1), math.atan2(-1, -1), math.atan2(0, -1))  # expect: 0.7853981633974483 -2.356194490192345 3.141592653589793
print(math.sinh(1), math.cosh(1), math.tanh(1))  # expect: 1.1752011936438014 1.5430806348152437 0.7615941559557649
print(math.degrees(math.pi), math.radians(180))  # expect: 180.0 3.141592653589793
print(math.degrees(1))  # expect: 57.29577951308232
