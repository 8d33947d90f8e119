import random

from mod import TranscriptCleaner


def recogniser_output(n, seed=1234):
    rng = random.Random(seed)
    phrases = ["so", "basically", "the quarterly numbers", "äh", " ", "next slide please", "ok"]
    return [rng.choice(phrases) if rng.random() < 0.55 else "" for _ in range(n)]


def test_large_transcript():
    segments = recogniser_output(100000)
    before = list(segments)
    spoken = TranscriptCleaner(segments, "cfo").spoken_segments()
    assert spoken == [s for s in segments if s != ""]
    assert "" not in spoken
    assert len(spoken) == len(segments) - segments.count("")
    assert " " in spoken  # whitespace-only segments are kept
    it = iter(segments)
    assert all(s in it for s in spoken)  # order preserved (subsequence)
    assert segments == before


def test_small_and_edge_cases():
    assert TranscriptCleaner([]).spoken_segments() == []
    assert TranscriptCleaner(["", "", ""]).spoken_segments() == []
    assert TranscriptCleaner(["hi", "", "hi", "ünd"]).spoken_segments() == ["hi", "hi", "ünd"]
    cleaner = TranscriptCleaner(["a"])
    out = cleaner.spoken_segments()
    assert out == ["a"] and out is not cleaner.segments
