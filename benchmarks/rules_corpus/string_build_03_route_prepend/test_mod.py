import random

from mod import describe_route


def corridor(n, seed=1234):
    """A long chain of junctions plus some side branches, as a predecessor map."""
    rng = random.Random(seed)
    names = [f"J{i:05d}-{rng.choice('NESW')}" for i in range(n)]
    pred = {names[0]: None}
    for prev, cur in zip(names, names[1:]):
        pred[cur] = prev
    for k in range(n // 10):
        pred[f"spur{k}"] = names[rng.randrange(n)]
    return names, pred


def test_long_route():
    names, pred = corridor(12000)
    text = describe_route(pred, names[-1])
    assert text.split(" -> ") == names
    spur = describe_route(pred, "spur3")
    hops = spur.split(" -> ")
    assert hops[-1] == "spur3" and hops[0] == names[0]
    assert hops[:-1] == names[: len(hops) - 1]


def test_small_exact():
    pred = {"customer": "B7", "B7": "A12", "A12": "depot", "depot": None}
    assert describe_route(pred, "customer") == "depot -> A12 -> B7 -> customer"
    assert describe_route(pred, "depot") == "depot"
    assert describe_route(pred, "unknown") == "unknown"
    assert describe_route({"b": "a"}, "b") == "a -> b"
    assert describe_route({"Zürich": "Genève"}, "Zürich") == "Genève -> Zürich"
    assert describe_route({}, "") == ""
