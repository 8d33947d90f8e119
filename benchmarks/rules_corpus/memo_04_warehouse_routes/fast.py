"""Route counting for warehouse robots on a shelf grid."""

WALL = "#"


def count_routes(floor_plan, cell, goal):
    """Number of monotone routes (steps go south or east only) from ``cell`` to
    ``goal`` on ``floor_plan``, a tuple of equal-length strings where '#'
    marks a shelf.  ``cell`` and ``goal`` are (row, col) tuples."""
    n_rows = len(floor_plan)
    memo = {}

    def routes(cell):
        row, col = cell
        if row >= n_rows or col >= len(floor_plan[0]):
            return 0
        if floor_plan[row][col] == WALL:
            return 0
        if cell == goal:
            return 1
        if cell in memo:
            return memo[cell]
        total = routes((row + 1, col)) + routes((row, col + 1))
        memo[cell] = total
        return total

    return routes(cell)
