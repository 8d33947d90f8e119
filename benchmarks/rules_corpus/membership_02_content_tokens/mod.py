PUNCT = ".,;:!?\"'()[]"


def content_tokens(text, stopword_blob, min_len=3):
    """Lower-cased tokens of `text` that are long enough and not stop words.

    `stopword_blob` is the raw content of a stop-word file (one word per line).
    """
    stop = stopword_blob.split()
    tokens = text.lower().split()
    out = []
    i = 0
    while i < len(tokens):
        tok = tokens[i].strip(PUNCT)
        if len(tok) >= min_len and tok not in stop:
            out.append(tok)
        i += 1
    return out
