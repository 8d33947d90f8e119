def unique_recipients(addresses: list[str]) -> list[str]:
    """Normalise e-mail addresses (trimmed, lower-case) and drop repeats, keeping first-seen order."""
    return list(dict.fromkeys(addr.strip().lower() for addr in addresses))
