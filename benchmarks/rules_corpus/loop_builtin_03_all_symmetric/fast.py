"""Sanity checks for road-distance matrices loaded from the planning tool."""


def is_symmetric(distances: list[list[int]]) -> bool:
    """True if distances[i][j] == distances[j][i] for every pair of cities.

    Raises ValueError if the matrix is not square.
    """
    n = len(distances)
    for row in distances:
        if len(row) != n:
            raise ValueError("distance matrix must be square")
    return all(
        row == list(column) for row, column in zip(distances, zip(*distances))
    )
