from inventory import drain_queue, restock_report, unique_skus


def _orders(n):
    return [f"SKU-{(i * 7919) % 400:04d}" for i in range(n)]


def test_unique_skus_keeps_first_appearance():
    assert unique_skus(["b", "a", "b", "c", "a"]) == ["b", "a", "c"]


def test_unique_skus_large():
    orders = _orders(5000)
    assert len(unique_skus(orders)) == 400


def test_restock_report():
    levels = [(i * 37) % 100 for i in range(3000)]
    report = restock_report(levels, 10)
    assert report.count("\n") == sum(1 for x in levels if x < 10)


def test_drain_queue():
    tasks = [f"t{i}" for i in range(20000)]
    assert drain_queue(tasks)[:2] == ["T0", "T1"]
    assert drain_queue([]) == []
