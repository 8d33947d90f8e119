def ranks_for(leaderboard: list[str], players: list[str]) -> list[int]:
    """1-based leaderboard rank of each queried player.

    Raises ValueError if a queried player is not on the leaderboard.
    """
    ranks: list[int] = []
    for player in players:
        position = leaderboard.index(player)
        ranks.append(position + 1)
    return ranks
