grid = [[1, 2], [3, 4]]
print(grid[1][0])  # expect: 3
grid[0][1] = 7
print(grid)  # expect: [[1, 7], [3, 4]]
