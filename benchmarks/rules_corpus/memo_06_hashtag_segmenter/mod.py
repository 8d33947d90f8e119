"""Split run-together hashtags into dictionary words."""


class HashtagSegmenter:
    def __init__(self, vocabulary):
        self.vocabulary = {word.lower() for word in vocabulary}
        self.longest = max((len(w) for w in self.vocabulary), default=0)

    def can_segment(self, tag, start=0):
        """True if ``tag[start:]`` (lower-case) is a concatenation of
        vocabulary words."""
        if start == len(tag):
            return True
        stop = min(len(tag), start + self.longest)
        for end in range(start + 1, stop + 1):
            if tag[start:end] in self.vocabulary and self.can_segment(tag, end):
                return True
        return False
