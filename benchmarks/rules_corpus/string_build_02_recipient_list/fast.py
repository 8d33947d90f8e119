"""Newsletter dispatch helpers."""


def recipient_header(subscribers):
    """Build the comma separated address list for an outgoing newsletter.

    Only confirmed subscribers who have not opted out are included.
    """
    addresses = [
        sub["email"] for sub in subscribers if sub["confirmed"] and not sub["opted_out"]
    ]
    # the original only starts using separators once the text is non-empty, so
    # addresses that are empty strings before the first non-empty one vanish
    for start, address in enumerate(addresses):
        if address:
            return ", ".join(addresses[start:])
    return ""
