import random

import pytest

from mod import unique_recipients


def _addresses(n, n_people, seed=1234):
    rng = random.Random(seed)
    domains = ["example.com", "Mail.ORG", "uni.edu", "корп.рф"]
    people = ["user%d@%s" % (i, domains[i % len(domains)]) for i in range(n_people)]
    out = []
    for i in range(n):
        addr = people[rng.randrange(n_people)]
        if i % 3 == 0:
            addr = " " + addr.upper() + "\t"
        if i % 41 == 0:
            addr = "not-an-address"
        out.append(addr)
    return out


def _expected(addrs):
    expected, seen = [], set()
    for a in addrs:
        a = a.strip().lower()
        if "@" in a and a not in seen:
            seen.add(a)
            expected.append(a)
    return expected


def test_large_list():
    addrs = _addresses(7000, 3500)
    result = unique_recipients(addrs)
    assert result == _expected(addrs)
    assert len(result) == len(set(result)) > 2000


def test_limit_on_large_list():
    addrs = _addresses(7000, 3500)
    result = unique_recipients(addrs, max_recipients=1500)
    assert len(result) == 1500
    assert result == _expected(addrs)[:1500]


def test_small_cases():
    assert unique_recipients([]) == []
    assert unique_recipients(["A@x.io", "a@X.io ", "", "  ", "b@x.io", "noat"]) == ["a@x.io", "b@x.io"]
    assert unique_recipients(["a@x.io", "b@x.io"], max_recipients=0) == []
    assert unique_recipients(["ÉMILE@ÉCOLE.FR", "émile@école.fr"]) == ["émile@école.fr"]
    with pytest.raises(ValueError):
        unique_recipients(["a@b"], max_recipients=-1)
