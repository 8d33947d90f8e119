import random

import pytest

from mod import AccessPolicy

ROLES = ["Viewer", "Editor", "Billing-Admin", "SRE", "Support-L1", "Support-L2", "Auditor", "Data-Analyst"] + [
    "Team-%02d-Lead" % i for i in range(40)
]


def _users(n, seed=1234):
    rng = random.Random(seed)
    users = []
    for i in range(n):
        domain = rng.choice(["corp.example", "Corp.Example", "contractor.io", "gmail.com"])
        user = {"email": "user%d@%s" % (i, domain), "role": rng.choice(ROLES + ["guest", "intern"]).upper()}
        if i % 4 == 0:
            user["role"] = "  %s " % user["role"].lower()
        if i % 9 == 0:
            user["active"] = bool(i % 2)
        users.append(user)
    return users


def test_large_directory():
    allowed = ROLES[2:40:2]
    policy = AccessPolicy(allowed, "CORP.example")
    users = _users(12000)
    result = policy.permitted_users(users)
    allowed_low = {r.lower() for r in allowed}
    expected = [
        u["email"]
        for u in users
        if u.get("active", True)
        and (u["role"].strip().lower() in allowed_low or u["email"].lower().endswith("@corp.example"))
    ]
    assert result == expected
    assert 3000 < len(result) < 12000


def test_small_cases():
    policy = AccessPolicy(["Editor", "ÉQUIPE"], "ex.com")
    users = [
        {"email": "a@x.org", "role": "editor"},
        {"email": "B@EX.COM", "role": "guest"},
        {"email": "c@x.org", "role": "guest"},
        {"email": "d@x.org", "role": " équipe ", "active": True},
        {"email": "e@x.org", "role": "editor", "active": False},
        {"email": "f@notex.com", "role": "guest"},
    ]
    assert policy.permitted_users(users) == ["a@x.org", "B@EX.COM", "d@x.org"]
    assert policy.permitted_users([]) == []
    assert AccessPolicy([], "ex.com").permitted_users(users) == ["B@EX.COM"]


def test_missing_email_only_matters_when_role_denied():
    policy = AccessPolicy(["Editor"], "ex.com")
    with pytest.raises(KeyError):
        policy.permitted_users([{"role": "guest"}])
