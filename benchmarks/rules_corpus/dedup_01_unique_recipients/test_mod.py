import random

from mod import unique_recipients

FIRST = ["anna", "ben", "chloé", "dmitri", "eva", "farid", "grace", "hiro", "ines", "jonas"]
DOMAINS = ["example.com", "mail.org", "firma.de", "uni.edu"]


def build_large():
    rng = random.Random(1234)
    addrs = []
    for _ in range(6000):
        local = f"{rng.choice(FIRST)}.{rng.randrange(400)}"
        addr = f"{local}@{rng.choice(DOMAINS)}"
        if rng.random() < 0.3:
            addr = addr.upper()
        if rng.random() < 0.2:
            addr = "  " + addr + "\t"
        addrs.append(addr)
    return (addrs,)


def test_large_list():
    (addrs,) = build_large()
    before = list(addrs)
    result = unique_recipients(addrs)
    seen = set()
    expected = []
    for a in addrs:
        n = a.strip().lower()
        if n not in seen:
            seen.add(n)
            expected.append(n)
    assert result == expected
    assert addrs == before
    assert len(set(result)) == len(result) < len(addrs)


def test_small():
    addrs = [" Bob@X.org", "alice@y.com", "bob@x.org ", "ALICE@Y.COM", "carol@z.net"]
    assert unique_recipients(addrs) == ["bob@x.org", "alice@y.com", "carol@z.net"]


def test_empty_and_blank():
    assert unique_recipients([]) == []
    assert unique_recipients(["", "  ", "a@b.c"]) == ["", "a@b.c"]


def test_unicode_casefold_order():
    assert unique_recipients(["ÉMILE@Café.fr", "émile@café.fr", "zoë@x.io"]) == ["émile@café.fr", "zoë@x.io"]
