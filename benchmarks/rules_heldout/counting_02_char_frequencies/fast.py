"""Letter statistics for the cipher-puzzle generator."""

from collections import Counter


class TextSample:
    def __init__(self, text, ignore_case=True):
        self.ignore_case = ignore_case
        self.text = text.lower() if ignore_case else text

    def __len__(self):
        return len(self.text)

    def char_frequencies(self, skip_whitespace=True):
        """Occurrences of each character, in order of first appearance."""
        freq = dict(Counter(self.text))
        if skip_whitespace:
            for ch in list(freq):
                if ch.isspace():
                    del freq[ch]
        return freq
