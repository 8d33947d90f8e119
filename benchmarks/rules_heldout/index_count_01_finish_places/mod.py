"""Race results."""


def finishing_places(finish_order: list[str], runners: list[str]) -> dict[str, int]:
    """Map each requested runner (bib id) to their 1-based finishing place.

    Runner ids are stripped of surrounding whitespace; blank ids are skipped.
    A runner who did not finish raises ``ValueError`` (from ``list.index``).
    """
    places: dict[str, int] = {}
    for runner in runners:
        bib = runner.strip()
        if not bib:
            continue
        places[bib] = finish_order.index(bib) + 1
    return places
