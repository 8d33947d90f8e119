"""Mailing-list helpers."""


def unique_recipients(addresses: list[str], max_recipients: int | None = None) -> list[str]:
    """Normalise e-mail addresses and drop repeats, keeping first-seen order.

    Addresses are stripped and lower-cased; entries without an ``@`` are ignored.
    If ``max_recipients`` is given, stop once that many distinct addresses are
    collected.
    """
    if max_recipients is not None and max_recipients < 0:
        raise ValueError("max_recipients must be >= 0")
    recipients: list[str] = []
    seen: set[str] = set()
    for address in addresses:
        if max_recipients is not None and len(recipients) >= max_recipients:
            break
        address = address.strip().lower()
        if not address or "@" not in address:
            continue
        if address not in seen:
            seen.add(address)
            recipients.append(address)
    return recipients
