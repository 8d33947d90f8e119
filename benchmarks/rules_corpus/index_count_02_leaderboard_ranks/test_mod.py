import random

import pytest

from mod import ranks_for


def build_large():
    rng = random.Random(1234)
    board = [f"player_{n:05d}" for n in range(5000)]
    rng.shuffle(board)
    queries = [rng.choice(board) for _ in range(6000)]
    return board, queries


def test_large_queries():
    board, queries = build_large()
    result = ranks_for(board, queries)
    assert len(result) == len(queries)
    for name, rank in zip(queries, result):
        assert board[rank - 1] == name
    assert result[0] == board.index(queries[0]) + 1


def test_duplicate_names_use_first_rank():
    board = ["ann", "bob", "ann", "çelik"]
    assert ranks_for(board, ["ann", "çelik", "bob", "ann"]) == [1, 4, 2, 1]


def test_empty():
    assert ranks_for([], []) == []
    assert ranks_for(["a"], []) == []


def test_unknown_player_raises():
    with pytest.raises(ValueError):
        ranks_for(["ann", "bob"], ["bob", "zed"])
    with pytest.raises(ValueError):
        ranks_for([], ["x"])
