import random
import string

import pytest

from mod import SkuValidator


def make_codes(n, seed=1234):
    rng = random.Random(seed)
    codes = []
    for _ in range(n):
        fam = "".join(rng.choices(string.ascii_uppercase, k=3))
        num = "%04d" % rng.randrange(10000)
        r = rng.random()
        if r < 0.5:
            codes.append("%s-%s" % (fam, num))
        elif r < 0.85:
            codes.append("%s-%s-%s" % (fam, num, rng.choice(["XS", "S", "M", "L", "XL"])))
        elif r < 0.95:
            codes.append("%s-%s" % (fam.lower(), num))
        else:
            codes.append("%s-%s-XXL" % (fam, num))
    return codes


def test_large_import():
    codes = make_codes(20000)
    valid, rejected = SkuValidator("acme").parse_all(codes)
    assert len(valid) + len(rejected) == 20000
    ok_codes = [c for c in codes if c[:3].isupper() and not c.endswith("XXL")]
    assert len(valid) == len(ok_codes)
    for code, (fam, num, size) in zip(ok_codes, valid):
        parts = code.split("-")
        assert fam == parts[0] and num == int(parts[1])
        assert size == (parts[2] if len(parts) == 3 else None)
    assert rejected == [c for c in codes if not (c[:3].isupper() and not c.endswith("XXL"))]


def test_empty():
    assert SkuValidator("x").parse_all([]) == ([], [])


def test_edge_codes():
    valid, rejected = SkuValidator("x").parse_all(
        ["ABC-0001", "ABC-0001-", "ABC-12345", "ÄBC-1234", "ABC-0420-M", "", "ABC-١٢٣٤"])
    # \d matches any Unicode decimal digit, and int() accepts them too
    assert valid == [("ABC", 1, None), ("ABC", 420, "M"), ("ABC", 1234, None)]
    assert rejected == ["ABC-0001-", "ABC-12345", "ÄBC-1234", ""]


def test_non_string_raises():
    with pytest.raises(TypeError):
        SkuValidator("x").parse_all(["ABC-0001", 42])
