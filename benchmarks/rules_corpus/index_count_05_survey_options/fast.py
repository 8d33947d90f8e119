from collections import Counter


def popular_options(answers, options, min_share=0.001):
    """(option, votes) for every option chosen by at least `min_share` of the non-blank answers.

    Results follow the order of `options`; blank option names are skipped.
    """
    valid = [a.strip().lower() for a in answers if a and a.strip()]
    total = len(valid)
    tally = Counter(valid)
    threshold = min_share * total
    result = []
    for name in options:
        if not name:
            continue
        votes = tally.get(name.lower(), 0)
        if votes and votes >= threshold:
            result.append((name, votes))
    return result
