def unique_recipients(addresses: list[str]) -> list[str]:
    """Normalise e-mail addresses (trimmed, lower-case) and drop repeats, keeping first-seen order."""
    result: list[str] = []
    for addr in addresses:
        norm = addr.strip().lower()
        if norm not in result:
            result.append(norm)
    return result
