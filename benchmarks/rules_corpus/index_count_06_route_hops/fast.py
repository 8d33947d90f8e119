def leg_hops(route: list[str], legs: list[tuple[str, str]]) -> list[int]:
    """Number of hops between origin and destination of each leg along `route` (-1 if a stop is not on it).

    A stop that occurs several times on the route is taken at its first occurrence.
    """
    first_stop: dict[str, int] = {}
    for position, stop in enumerate(route):
        if stop not in first_stop:
            first_stop[stop] = position
    hops = []
    for origin, destination in legs:
        a = first_stop.get(origin)
        b = first_stop.get(destination)
        if a is not None and b is not None:
            hops.append(abs(b - a))
        else:
            hops.append(-1)
    return hops
