"""Pretty-printing shortest paths found by the routing service."""
from typing import Optional


def describe_route(predecessor: dict[str, Optional[str]], destination: str) -> str:
    """Follow predecessor links back from `destination` and render the route.

    Returns e.g. ``"depot -> A12 -> B7 -> customer"``.  The walk stops at a
    node whose predecessor is None or that has no entry at all.
    """
    hops = [destination]
    get = predecessor.get
    node = get(destination)
    while node is not None:
        hops.append(node)
        node = get(node)
    if len(hops) == 1:
        return destination
    hops.reverse()
    return " -> ".join(hops)
