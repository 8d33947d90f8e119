def leg_hops(route: list[str], legs: list[tuple[str, str]]) -> list[int]:
    """Number of hops between origin and destination of each leg along `route` (-1 if a stop is not on it).

    A stop that occurs several times on the route is taken at its first occurrence.
    """
    hops = []
    for origin, destination in legs:
        if origin in route and destination in route:
            hops.append(abs(route.index(destination) - route.index(origin)))
        else:
            hops.append(-1)
    return hops
