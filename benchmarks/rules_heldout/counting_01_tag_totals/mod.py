"""Tag statistics for the blog's sidebar widget."""

from typing import Iterable


def tag_totals(posts: Iterable[dict]) -> dict[str, int]:
    """How many times each tag is used across all posts (first-use order)."""
    totals: dict[str, int] = {}
    for post in posts:
        for tag in post["tags"]:
            if tag in totals:
                totals[tag] += 1
            else:
                totals[tag] = 1
    return totals
