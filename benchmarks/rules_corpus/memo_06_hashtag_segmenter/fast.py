"""Split run-together hashtags into dictionary words."""


class HashtagSegmenter:
    def __init__(self, vocabulary):
        self.vocabulary = {word.lower() for word in vocabulary}
        self.longest = max((len(w) for w in self.vocabulary), default=0)

    def can_segment(self, tag, start=0):
        """True if ``tag[start:]`` (lower-case) is a concatenation of
        vocabulary words."""
        vocabulary = self.vocabulary
        longest = self.longest
        n = len(tag)
        failed = set()

        def segment(pos):
            if pos == n:
                return True
            if pos in failed:
                return False
            stop = min(n, pos + longest)
            for end in range(pos + 1, stop + 1):
                if tag[pos:end] in vocabulary and segment(end):
                    return True
            failed.add(pos)
            return False

        return segment(start)
