import random

from mod import SignInAudit


def make_audit(n, seed=1234):
    rng = random.Random(seed)
    users = ["user%04d" % i for i in range(1500)]
    audit = SignInAudit("billing")
    for _ in range(n):
        # a few heavy users and a long tail
        if rng.random() < 0.3:
            audit.record(users[rng.randrange(10)])
        else:
            audit.record(rng.choice(users))
    return audit


def test_large_audit():
    audit = make_audit(40000)
    before = list(audit.usernames)
    result = audit.sign_ins_per_user()
    assert audit.usernames == before
    assert type(result) is dict
    assert sum(result.values()) == 40000
    first_seen = []
    seen = set()
    for u in before:
        if u not in seen:
            seen.add(u)
            first_seen.append(u)
    assert list(result) == first_seen
    for u in ("user0000", "user0007", "user1499"):
        assert result.get(u, 0) == before.count(u)
    assert max(result, key=result.get) in {"user%04d" % i for i in range(10)}


def test_empty_audit():
    assert SignInAudit("hr").sign_ins_per_user() == {}


def test_small_audit_exact():
    audit = SignInAudit("crm", ["zoë", "bob", "zoë", "ALICE", "bob", "zoë"])
    assert audit.sign_ins_per_user() == {"zoë": 3, "bob": 2, "ALICE": 1}
    assert list(audit.sign_ins_per_user()) == ["zoë", "bob", "ALICE"]
