"""Post-processing of speech-to-text output."""
from __future__ import annotations


class TranscriptCleaner:
    """Holds the raw segments produced by the recogniser (silence gives "")."""

    def __init__(self, segments: list[str], speaker: str = "unknown") -> None:
        self.segments = segments
        self.speaker = speaker

    def spoken_segments(self) -> list[str]:
        """The segments that contain any text, in their original order."""
        return list(filter(None, self.segments))
