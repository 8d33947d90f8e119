import random

import pytest

from mod import TranscriptStats


def _transcript(n_words, vocab_size, seed=1234):
    rng = random.Random(seed)
    syll = ["ka", "lo", "mi", "ren", "tu", "sa", "vé", "do", "ne", "pri"]
    vocab = []
    while len(vocab) < vocab_size:
        w = "".join(rng.choice(syll) for _ in range(rng.randrange(1, 4)))
        if w not in vocab:
            vocab.append(w)
    words = []
    for i in range(n_words):
        # Zipf-like: low indices are much more frequent
        w = vocab[int(vocab_size * rng.random() ** 2.5)]
        if i % 7 == 0:
            w = w.capitalize()
        if i % 11 == 0:
            w += rng.choice([",", ".", "?!"])
        words.append(w)
    return " ".join(words)


def test_large_transcript():
    text = _transcript(12000, 900)
    stats = TranscriptStats(text)
    assert stats.word_count() == 12000
    result = stats.repeated_words(3)
    counts = {}
    order = []
    for w in stats.words:
        if w not in counts:
            counts[w] = 0
            order.append(w)
        counts[w] += 1
    assert result == [(w, counts[w]) for w in order if counts[w] >= 3]
    assert max(n for _, n in result) > 100


def test_min_count_one_lists_every_word():
    stats = TranscriptStats(_transcript(3000, 400, seed=7))
    result = stats.repeated_words(1)
    assert sum(n for _, n in result) == 3000
    assert len({w for w, _ in result}) == len(result)


def test_small_cases():
    stats = TranscriptStats("The cat, the hat. THE end! (cat) ...")
    assert stats.words == ["the", "cat", "the", "hat", "the", "end", "cat"]
    assert stats.repeated_words() == [("the", 3), ("cat", 2)]
    assert stats.repeated_words(3) == [("the", 3)]
    assert stats.repeated_words(4) == []
    assert TranscriptStats("").repeated_words() == []
    assert TranscriptStats("Ça ça ÇA").repeated_words() == [("ça", 3)]
    with pytest.raises(ValueError):
        stats.repeated_words(0)
