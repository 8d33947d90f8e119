import copy
import random
from decimal import Decimal

import pytest

from mod import PRICING_RULES, quote_lines


def make_cart(n, seed=1234):
    rng = random.Random(seed)
    return [
        (Decimal(rng.randrange(100, 100000)) / 100,
         rng.choice([1, 3, 12, 25, 60, 150, 700]),
         rng.choice(["retail", "reseller", "partner"]),
         rng.choice(["DE", "FR", "NL", "CH"]))
        for _ in range(n)
    ]


def reference(line):
    cost, qty, tier, country = line
    markup = {"retail": Decimal("1.35"), "reseller": Decimal("1.15"), "partner": Decimal("1.05")}
    min_qty = {"retail": 1, "reseller": 10, "partner": 50}
    m = markup[tier] if qty >= min_qty[tier] else markup["retail"]
    net = cost * m * qty
    for thr, disc in [(500, Decimal("0.10")), (100, Decimal("0.05")), (20, Decimal("0.02"))]:
        if qty >= thr:
            net = net - net * disc
            break
    vat = {"DE": Decimal("0.19"), "FR": Decimal("0.20"), "NL": Decimal("0.21"), "CH": Decimal("0.081")}
    return (net * (1 + vat[country])).quantize(Decimal("0.01"))


def test_large_cart():
    cart = make_cart(3000)
    rules_before = copy.deepcopy(PRICING_RULES)
    totals = quote_lines(cart)
    assert PRICING_RULES == rules_before
    assert len(totals) == 3000
    assert all(type(t) is Decimal for t in totals)
    assert totals == [reference(line) for line in cart]


def test_empty_cart():
    assert quote_lines([]) == []


def test_small_exact_and_custom_rules():
    assert quote_lines([(Decimal("10.00"), 1, "partner", "DE")]) == [Decimal("16.06")]
    custom = copy.deepcopy(PRICING_RULES)
    custom["vat"]["DE"] = Decimal("0")
    assert quote_lines([(Decimal("10.00"), 100, "partner", "DE")], custom) == [Decimal("997.50")]


def test_unknown_country_raises():
    with pytest.raises(KeyError):
        quote_lines([(Decimal("1"), 1, "retail", "XX")])
