def distinct_levels(samples, resolution=5):
    """Distinct quantised sensor levels in the order they were first observed.

    `samples` holds raw integer readings, with None for dropouts.
    """
    levels = []
    seen = set()
    for raw in samples:
        if raw is None:
            continue
        level = raw // resolution * resolution
        if level not in seen:
            seen.add(level)
            levels.append(level)
    return levels
