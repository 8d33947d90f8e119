"""Shortest delivery times over a road network."""


def shortest_delivery_times(roads: dict[str, list[tuple[str, int]]], depot: str) -> dict[str, int]:
    """Dijkstra from ``depot`` over ``roads`` (town -> list of (neighbour, minutes)).

    Returns a dict town -> minimal travel time for every reachable town, in the
    order the towns were settled (by time, ties broken by town name).
    """
    frontier = [(0, depot)]
    settled: dict[str, int] = {}
    while frontier:
        entry = min(frontier)
        frontier.remove(entry)
        minutes, town = entry
        if town in settled:
            continue
        settled[town] = minutes
        for neighbour, cost in roads.get(town, ()):
            if neighbour not in settled:
                frontier.append((minutes + cost, neighbour))
    return settled
