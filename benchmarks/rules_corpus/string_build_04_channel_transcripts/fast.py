"""Export of chat history, one plain-text transcript per channel."""


def transcripts_by_channel(messages, muted=frozenset()):
    """Group (channel, author, text) messages into IRC-style transcripts.

    Messages from muted authors and blank messages are skipped.  Returns a dict
    channel -> transcript text, channels in order of first appearance.
    """
    pieces = {}
    for channel, author, text in messages:
        if author in muted or not text.strip():
            continue
        line = "<" + author + "> " + text + "\n"
        bucket = pieces.get(channel)
        if bucket is None:
            pieces[channel] = [line]
        else:
            bucket.append(line)
    return {channel: "".join(lines) for channel, lines in pieces.items()}
