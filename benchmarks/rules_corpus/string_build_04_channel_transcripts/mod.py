"""Export of chat history, one plain-text transcript per channel."""


def transcripts_by_channel(messages, muted=frozenset()):
    """Group (channel, author, text) messages into IRC-style transcripts.

    Messages from muted authors and blank messages are skipped.  Returns a dict
    channel -> transcript text, channels in order of first appearance.
    """
    transcripts = {}
    for channel, author, text in messages:
        if author in muted or not text.strip():
            continue
        line = "<" + author + "> " + text + "\n"
        if channel in transcripts:
            transcripts[channel] += line
        else:
            transcripts[channel] = line
    return transcripts
