"""Letter statistics for the cipher-puzzle generator."""


class TextSample:
    def __init__(self, text, ignore_case=True):
        self.ignore_case = ignore_case
        self.text = text.lower() if ignore_case else text

    def __len__(self):
        return len(self.text)

    def char_frequencies(self, skip_whitespace=True):
        """Occurrences of each character, in order of first appearance."""
        freq = {}
        for ch in self.text:
            if skip_whitespace and ch.isspace():
                continue
            freq[ch] = freq.get(ch, 0) + 1
        return freq
