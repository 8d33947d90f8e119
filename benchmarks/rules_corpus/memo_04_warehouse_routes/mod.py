"""Route counting for warehouse robots on a shelf grid."""

WALL = "#"


def count_routes(floor_plan, cell, goal):
    """Number of monotone routes (steps go south or east only) from ``cell`` to
    ``goal`` on ``floor_plan``, a tuple of equal-length strings where '#'
    marks a shelf.  ``cell`` and ``goal`` are (row, col) tuples."""
    row, col = cell
    if row >= len(floor_plan) or col >= len(floor_plan[0]):
        return 0
    if floor_plan[row][col] == WALL:
        return 0
    if cell == goal:
        return 1
    south = count_routes(floor_plan, (row + 1, col), goal)
    east = count_routes(floor_plan, (row, col + 1), goal)
    return south + east
