import random

from mod import Leaderboard


def test_empty_results():
    board = Leaderboard()
    assert board.record_all([]) == []
    assert board.entries == []


def test_ties_keep_arrival_order():
    board = Leaderboard("cup")
    leaders = board.record_all([("ana", 10), ("bo", 12), ("cy", 12), ("dee", 3), ("eli", 13)])
    assert leaders == ["ana", "bo", "bo", "bo", "eli"]
    assert board.entries == [("eli", 13), ("bo", 12), ("cy", 12), ("ana", 10), ("dee", 3)]
    assert board.top(2) == ["eli", "bo"]


def test_two_batches_and_unicode():
    board = Leaderboard()
    board.record_all([("Zoë", 7), ("Łukasz", 7)])
    assert board.record_all([("Ærin", 7), ("Björk", 9)]) == ["Zoë", "Björk"]
    assert board.top(4) == ["Björk", "Zoë", "Łukasz", "Ærin"]


def test_large_season():
    rng = random.Random(1234)
    results = [(f"player{i}", rng.randint(0, 500)) for i in range(3500)]
    board = Leaderboard()
    leaders = board.record_all(results)
    # expected leader: first player to reach the best score so far
    best_score, best_player, expected = -1, None, []
    for player, score in results:
        if score > best_score:
            best_score, best_player = score, player
        expected.append(best_player)
    assert leaders == expected
    position = {player: i for i, (player, _) in enumerate(results)}
    assert board.entries == sorted(results, key=lambda e: (-e[1], position[e[0]]))
