PUNCT = ".,;:!?\"'()[]"


def content_tokens(text, stopword_blob, min_len=3):
    """Lower-cased tokens of `text` that are long enough and not stop words.

    `stopword_blob` is the raw content of a stop-word file (one word per line).
    """
    stop = set(stopword_blob.split())
    out = []
    for raw in text.lower().split():
        tok = raw.strip(PUNCT)
        if len(tok) >= min_len and tok not in stop:
            out.append(tok)
    return out
