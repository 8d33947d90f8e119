"""Sanity checks for road-distance matrices loaded from the planning tool."""


def is_symmetric(distances: list[list[int]]) -> bool:
    """True if distances[i][j] == distances[j][i] for every pair of cities.

    Raises ValueError if the matrix is not square.
    """
    n = len(distances)
    for row in distances:
        if len(row) != n:
            raise ValueError("distance matrix must be square")
    for i in range(n):
        for j in range(i + 1, n):
            if distances[i][j] != distances[j][i]:
                return False
    return True
