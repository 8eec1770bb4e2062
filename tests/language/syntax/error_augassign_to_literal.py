1 += 1  # expect error: 'literal' is an illegal expression for augmented assignment
