import random

from mod import count_routes


def dp_routes(plan, start, goal):
    rows, cols = len(plan), len(plan[0])
    ways = [[0] * (cols + 1) for _ in range(rows + 1)]
    for r in range(rows - 1, -1, -1):
        for c in range(cols - 1, -1, -1):
            if plan[r][c] == "#":
                ways[r][c] = 0
            elif (r, c) == goal:
                ways[r][c] = 1
            else:
                ways[r][c] = ways[r + 1][c] + ways[r][c + 1]
    return ways[start[0]][start[1]]


def make_plan(rows, cols, shelves, seed=1234):
    rng = random.Random(seed)
    grid = [["."] * cols for _ in range(rows)]
    for _ in range(shelves):
        grid[rng.randrange(1, rows - 1)][rng.randrange(1, cols - 1)] = "#"
    return tuple("".join(line) for line in grid)


def test_single_cell():
    assert count_routes((".",), (0, 0), (0, 0)) == 1
    assert count_routes(("#",), (0, 0), (0, 0)) == 0


def test_goal_behind_start():
    plan = ("...", "...")
    assert count_routes(plan, (1, 2), (0, 0)) == 0


def test_open_floor_binomial():
    plan = ("....",) * 3
    assert count_routes(plan, (0, 0), (2, 3)) == 10


def test_shelf_blocks_routes():
    plan = (
        "...",
        ".#.",
        "...",
    )
    assert count_routes(plan, (0, 0), (2, 2)) == 2
    assert count_routes(plan, (0, 1), (2, 2)) == 1


def test_large_floor():
    plan = make_plan(12, 13, 14)
    goal = (11, 12)
    result = count_routes(plan, (0, 0), goal)
    assert result == dp_routes(plan, (0, 0), goal)
    assert result > 10000
