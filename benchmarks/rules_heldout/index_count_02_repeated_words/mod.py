"""Transcript statistics for the subtitle editor."""

PUNCTUATION = ".,!?;:\"'()[]"


class TranscriptStats:
    def __init__(self, transcript):
        words = []
        for token in transcript.split():
            word = token.strip(PUNCTUATION).lower()
            if word:
                words.append(word)
        self.words = words

    def word_count(self):
        return len(self.words)

    def repeated_words(self, min_count=2):
        """(word, occurrences) for words used at least ``min_count`` times, in first-use order."""
        if min_count < 1:
            raise ValueError("min_count must be at least 1")
        report = []
        reported = set()
        for word in self.words:
            if word in reported:
                continue
            reported.add(word)
            n = self.words.count(word)
            if n >= min_count:
                report.append((word, n))
        return report
