def ranks_for(leaderboard: list[str], players: list[str]) -> list[int]:
    """1-based leaderboard rank of each queried player.

    Raises ValueError if a queried player is not on the leaderboard.
    """
    first_rank: dict[str, int] = {}
    for position in range(len(leaderboard) - 1, -1, -1):
        first_rank[leaderboard[position]] = position + 1
    ranks: list[int] = []
    for player in players:
        rank = first_rank.get(player)
        if rank is None:
            rank = leaderboard.index(player) + 1  # raises the same ValueError
        ranks.append(rank)
    return ranks
