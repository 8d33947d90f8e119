"""Prefix suggestions for a search box."""
from bisect import bisect_left


def suggest_completions(vocabulary, queries, limit=5):
    """Map each non-blank query (stripped, lower-cased) to at most ``limit``
    vocabulary words that start with it, in alphabetical order."""
    suggestions = {}
    for raw in queries:
        prefix = raw.strip().lower()
        if prefix:
            words = sorted(vocabulary)
            pos = bisect_left(words, prefix)
            matches = []
            while pos < len(words) and len(matches) < limit:
                word = words[pos]
                if not word.startswith(prefix):
                    break
                matches.append(word)
                pos += 1
            suggestions[prefix] = matches
    return suggestions
