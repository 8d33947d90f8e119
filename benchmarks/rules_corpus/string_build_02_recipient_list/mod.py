"""Newsletter dispatch helpers."""


def recipient_header(subscribers):
    """Build the comma separated address list for an outgoing newsletter.

    Only confirmed subscribers who have not opted out are included.
    """
    recipients = ""
    for sub in subscribers:
        if sub["confirmed"] and not sub["opted_out"]:
            address = sub["email"]
            recipients = recipients + ", " + address if recipients else address
    return recipients
