import random

from mod import popular_options


def build_large():
    rng = random.Random(1234)
    options = [f"Option {n}" for n in range(1500)] + ["", "Other"]
    answers = []
    for _ in range(12000):
        r = rng.random()
        if r < 0.05:
            answers.append(rng.choice(["", "   ", None]))
        elif r < 0.1:
            answers.append("other ")
        else:
            n = int(rng.paretovariate(1.2)) % 1600
            answers.append(f"  option {n}" if n % 3 else f"OPTION {n}")
    return answers, options


def test_large_survey():
    answers, options = build_large()
    result = popular_options(answers, options)
    valid = [a.strip().lower() for a in answers if a and a.strip()]
    tally = {}
    for v in valid:
        tally[v] = tally.get(v, 0) + 1
    expected = [(o, tally[o.lower()]) for o in options if o and tally.get(o.lower(), 0) >= 0.001 * len(valid)]
    assert result == expected
    assert ("Other", tally["other"]) in result


def test_large_survey_high_threshold():
    answers, options = build_large()
    result = popular_options(answers, options, min_share=0.05)
    valid = [a.strip().lower() for a in answers if a and a.strip()]
    assert 1 <= len(result) < 10
    assert result[-1][0] == "Other"
    for name, votes in result:
        assert votes == valid.count(name.lower()) >= 0.05 * len(valid)


def test_small():
    answers = ["Tea", "coffee", " tea ", "", None, "Mate", "tea"]
    assert popular_options(answers, ["Tea", "Coffee", "Water", "", "tea"], min_share=0.3) == [
        ("Tea", 3),
        ("tea", 3),
    ]
    assert popular_options(answers, ["Coffee", "Mate"]) == [("Coffee", 1), ("Mate", 1)]


def test_empty():
    assert popular_options([], ["a", "b"]) == []
    assert popular_options(["a"], []) == []
    assert popular_options(["Ünïcode"], ["ünïcode"], min_share=1.0) == [("ünïcode", 1)]
