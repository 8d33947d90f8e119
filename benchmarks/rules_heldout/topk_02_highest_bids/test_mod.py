import random

import pytest

from mod import winning_bids


def _bids(n, seed=1234):
    rng = random.Random(seed)
    return [(rng.randrange(-500, 250000), "bidder-%05d" % rng.randrange(50000)) for _ in range(n)]


def test_large_auction():
    bids = _bids(20000)
    before = list(bids)
    result = winning_bids(bids, 60)
    assert bids == before
    assert result == sorted((b for b in bids if b[0] > 0), reverse=True)[:60]
    assert len(result) == 60
    assert all(result[i] >= result[i + 1] for i in range(59))


def test_large_auction_from_generator():
    bids = _bids(20000, seed=4)
    result = winning_bids((b for b in bids), 25)
    positives = [b for b in bids if b[0] > 0]
    assert result[0] == max(positives)
    assert len(result) == 25 and set(result) <= set(positives)
    assert min(result) >= sorted(positives)[-25]


def test_small_cases():
    assert winning_bids([], 3) == []
    assert winning_bids([(10, "a")], 0) == []
    bids = [(5, "b"), (5, "a"), (7, "z"), (0, "free"), (-3, "neg"), (5, "b"), (5, "ö")]
    assert winning_bids(bids, 3) == [(7, "z"), (5, "ö"), (5, "b")]
    assert winning_bids(bids, 10) == [(7, "z"), (5, "ö"), (5, "b"), (5, "b"), (5, "a")]
    with pytest.raises(ValueError):
        winning_bids(bids, -1)
