def popular_options(answers, options, min_share=0.001):
    """(option, votes) for every option chosen by at least `min_share` of the non-blank answers.

    Results follow the order of `options`; blank option names are skipped.
    """
    valid = [a.strip().lower() for a in answers if a and a.strip()]
    total = len(valid)
    result = []
    idx = 0
    while idx < len(options):
        name = options[idx]
        idx += 1
        if not name:
            continue
        votes = valid.count(name.lower())
        if votes and votes >= min_share * total:
            result.append((name, votes))
    return result
