import random

import pytest

from mod import is_symmetric


def road_matrix(n, seed=1234):
    rng = random.Random(seed)
    m = [[0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            d = rng.randint(1, 2000)
            m[i][j] = d
            m[j][i] = d
    return m


def test_large_symmetric_and_perturbed():
    m = road_matrix(320)
    assert is_symmetric(m) is True
    m[300][310] += 1
    assert is_symmetric(m) is False
    m[300][310] -= 1
    m[0][1] = -1
    assert is_symmetric(m) is False


def test_diagonal_does_not_matter():
    m = road_matrix(40, seed=3)
    m[5][5] = 99
    assert is_symmetric(m) is True


def test_small_and_edge_cases():
    assert is_symmetric([]) is True
    assert is_symmetric([[7]]) is True
    assert is_symmetric([[0, 1], [1, 0]]) is True
    assert is_symmetric([[0, 1], [2, 0]]) is False
    with pytest.raises(ValueError):
        is_symmetric([[0, 1], [1]])
