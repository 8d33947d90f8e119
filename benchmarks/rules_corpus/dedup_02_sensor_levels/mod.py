def distinct_levels(samples, resolution=5):
    """Distinct quantised sensor levels in the order they were first observed.

    `samples` holds raw integer readings, with None for dropouts.
    """
    levels = []
    i = 0
    n = len(samples)
    while i < n:
        raw = samples[i]
        i += 1
        level = None if raw is None else raw // resolution * resolution
        if level is not None and level not in levels:
            levels.append(level)
    return levels
