"""Race results."""


def finishing_places(finish_order: list[str], runners: list[str]) -> dict[str, int]:
    """Map each requested runner (bib id) to their 1-based finishing place.

    Runner ids are stripped of surrounding whitespace; blank ids are skipped.
    A runner who did not finish raises ``ValueError`` (from ``list.index``).
    """
    first_seen: dict[str, int] = {}
    for pos, bib in enumerate(finish_order):
        if bib not in first_seen:
            first_seen[bib] = pos
    places: dict[str, int] = {}
    for runner in runners:
        bib = runner.strip()
        if not bib:
            continue
        pos = first_seen.get(bib)
        if pos is None:
            pos = finish_order.index(bib)  # raises the usual ValueError
        places[bib] = pos + 1
    return places
