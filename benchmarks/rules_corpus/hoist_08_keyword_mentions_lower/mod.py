"""Compliance scanner: which watch-list terms does a contract mention?"""


def mentioned_terms(document: str, watch_list: list[str]) -> list[str]:
    """Return the watch-list terms found in ``document``, case-insensitively.

    Terms are returned in watch-list order; a term listed twice is reported twice.
    """
    found = []
    for term in watch_list:
        if term.lower() in document.lower():
            found.append(term)
    return found
