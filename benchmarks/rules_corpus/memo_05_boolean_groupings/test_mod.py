import random
from math import comb

import pytest

from mod import truth_counts


def catalan(n):
    return comb(2 * n, n) // (n + 1)


def table_counts(expr):
    vals, ops = expr[0::2], expr[1::2]
    n = len(vals)
    T = [[0] * n for _ in range(n)]
    F = [[0] * n for _ in range(n)]
    for i, v in enumerate(vals):
        T[i][i], F[i][i] = (1, 0) if v == "T" else (0, 1)
    for width in range(1, n):
        for i in range(n - width):
            j = i + width
            for k in range(i, j):
                lt, lf, rt, rf = T[i][k], F[i][k], T[k + 1][j], F[k + 1][j]
                both = (lt + lf) * (rt + rf)
                if ops[k] == "&":
                    t = lt * rt
                elif ops[k] == "|":
                    t = both - lf * rf
                else:
                    t = lt * rf + lf * rt
                T[i][j] += t
                F[i][j] += both - t
    return T[0][n - 1], F[0][n - 1]


def test_single_operands():
    assert truth_counts("T") == (1, 0)
    assert truth_counts("F") == (0, 1)


def test_empty_is_an_error():
    with pytest.raises(ValueError):
        truth_counts("")


def test_unknown_operator():
    with pytest.raises(ValueError):
        truth_counts("T&F?T")


def test_classic_example():
    assert truth_counts("T|T&F^T") == (4, 1)
    assert truth_counts("T^F&T") == (2, 0)


def test_long_rule_expressions():
    rng = random.Random(1234)
    for n_ops in (8, 12):
        expr = "".join(rng.choice("TF") + rng.choice("&|^") for _ in range(n_ops)) + "T"
        result = truth_counts(expr)
        assert isinstance(result, tuple)
        assert result == table_counts(expr)
        assert sum(result) == catalan(n_ops)
