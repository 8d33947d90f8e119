"""Tag statistics for the blog's sidebar widget."""

from collections import Counter
from itertools import chain
from operator import itemgetter
from typing import Iterable


def tag_totals(posts: Iterable[dict]) -> dict[str, int]:
    """How many times each tag is used across all posts (first-use order)."""
    return dict(Counter(chain.from_iterable(map(itemgetter("tags"), posts))))
