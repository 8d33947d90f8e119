import random

from mod import top_orders_by_region


def test_no_orders():
    assert top_orders_by_region([]) == {}


def test_small_regions():
    orders = [
        ("north", 500, "A1"), ("south", 120, "B1"), ("north", 900, "A2"),
        ("north", 500, "A0"), ("north", 100, "A3"), ("south", 120, "B0"),
    ]
    result = top_orders_by_region(orders)
    assert result == {
        "north": [(900, "A2"), (500, "A1"), (500, "A0")],
        "south": [(120, "B1"), (120, "B0")],
    }
    assert list(result) == ["north", "south"]


def test_single_best_and_unicode():
    orders = [("Île-de-France", 10, "x"), ("Île-de-France", 30, "y"), ("Bayern", 5, "z")]
    assert top_orders_by_region(iter(orders), per_region=1) == {
        "Île-de-France": [(30, "y")], "Bayern": [(5, "z")]}


def test_large_report():
    rng = random.Random(1234)
    regions = [f"region-{r:02d}" for r in range(12)]
    orders = [(rng.choice(regions), rng.randint(100, 500_000), f"ORD{i:06d}") for i in range(60000)]
    result = top_orders_by_region(orders, per_region=5)
    assert sorted(result) == sorted(regions)
    kept = {}
    for region, amount, oid in orders:
        best = kept.setdefault(region, [])
        best.append((amount, oid))
        if len(best) > 5:
            best.remove(min(best))
    for region in regions:
        assert result[region] == sorted(kept[region], reverse=True)
