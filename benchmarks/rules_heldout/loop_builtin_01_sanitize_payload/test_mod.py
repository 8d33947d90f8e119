import random

import pytest

from mod import sanitize_payload


def _payload(n_lines, seed=1234):
    rng = random.Random(seed)
    words = ["GET", "/api/ünïcode", "token=abc", "\x1b[31mERR\x1b[0m", "id:\t42", "ok", "naïve", "日本"]
    lines = []
    for _ in range(n_lines):
        line = " ".join(rng.choice(words) for _ in range(rng.randrange(3, 12)))
        if rng.random() < 0.3:
            line += "\x00"
        lines.append(line)
    return "\r\n".join(lines) + "\n"


def _expected(text):
    out = []
    for ch in text:
        out.append({"\r": "", "\x00": "", "\n": "\\n", "\t": " ", "\x1b": "?"}.get(ch, ch))
    return "".join(out)


def test_large_payload():
    raw = _payload(6000)
    clean = sanitize_payload(raw)
    assert clean == _expected(raw)
    assert "\n" not in clean and "\r" not in clean and "\x00" not in clean and "\x1b" not in clean
    assert clean.count("\\n") == 6000
    assert len(clean) == len(raw) - raw.count("\r") - raw.count("\x00") + raw.count("\n")


def test_large_payload_truncated():
    raw = _payload(6000, seed=5)
    clean = sanitize_payload(raw, max_chars=1000)
    assert clean == _expected(raw)[:1000] + "..."


def test_small_cases():
    assert sanitize_payload("") == ""
    assert sanitize_payload("a\r\nb\tc\x1bd\x00") == "a\\nb c?d"
    assert sanitize_payload("abc", max_chars=3) == "abc"
    assert sanitize_payload("abcd", max_chars=0) == "..."
    assert sanitize_payload("\\n") == "\\n"
    with pytest.raises(TypeError, match="bytes"):
        sanitize_payload(b"abc")
    with pytest.raises(ValueError):
        sanitize_payload("x", max_chars=-1)
