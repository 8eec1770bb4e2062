# A long kernel gives python3's exact checksum.
def mix(n):
    h = 1469598103934665603 >> 2
    acc = 0
    for i in range(n):
        h = (h ^ (i & 255)) * 1099511628211 % 4611686018427387847
        acc += h >> 40
        if acc > 1125899906842624:
            acc -= 1125899906842624
    return h, acc


print(mix(200000))  # expect: (749550064858682631, 420394248884)


def primes_below(n):
    count = 0
    for c in range(2, n):
        d = 2
        prime = 1
        while d * d <= c:
            if c % d == 0:
                prime = 0
                break
            d += 1
        count += prime
    return count


print(primes_below(20000))  # expect: 2262
