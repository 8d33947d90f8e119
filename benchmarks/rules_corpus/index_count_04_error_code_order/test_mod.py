import random

from mod import error_codes_by_first_occurrence


def build_large():
    rng = random.Random(1234)
    records = []
    for i in range(12000):
        level = rng.choice(["INFO", "INFO", "WARN", "ERROR", "ERROR"])
        code = rng.randrange(1000, 5000) if level == "ERROR" else rng.randrange(100, 200)
        records.append({"ts": 1_700_000_000 + i, "level": level, "code": code})
    return (records,)


def test_large_log():
    (records,) = build_large()
    result = error_codes_by_first_occurrence(records)
    seen = set()
    expected = []
    for r in records:
        if r["level"] == "ERROR" and r["code"] not in seen:
            seen.add(r["code"])
            expected.append(r["code"])
    assert result == expected
    assert len(result) > 2000
    assert type(result) is list


def test_other_level():
    (records,) = build_large()
    result = error_codes_by_first_occurrence(records[:300], level="WARN")
    assert all(100 <= c < 200 for c in result)
    assert len(result) == len(set(result))


def test_small():
    log = [
        {"level": "ERROR", "code": 503},
        {"level": "INFO", "code": 200},
        {"level": "ERROR", "code": 404},
        {"level": "ERROR", "code": 503},
        {"level": "ERROR", "code": 500},
        {"level": "ERROR", "code": 404},
    ]
    assert error_codes_by_first_occurrence(log) == [503, 404, 500]
    assert error_codes_by_first_occurrence(log, level="INFO") == [200]
    assert error_codes_by_first_occurrence(log, level="DEBUG") == []
    assert error_codes_by_first_occurrence([]) == []


def test_string_codes():
    log = [{"level": "ERROR", "code": c} for c in ["E-Ü1", "E-2", "E-Ü1", "E-3"]]
    assert error_codes_by_first_occurrence(log) == ["E-Ü1", "E-2", "E-3"]
