import random

from mod import recipient_header


def subscribers(n, seed=1234):
    rng = random.Random(seed)
    people = []
    for i in range(n):
        people.append({
            "email": f"reader{i}@{rng.choice(['example.org', 'mail.test', 'posteo.example'])}",
            "confirmed": rng.random() < 0.8,
            "opted_out": rng.random() < 0.1,
        })
    return people


def test_large_list():
    subs = subscribers(9000)
    header = recipient_header(subs)
    expected = [s["email"] for s in subs if s["confirmed"] and not s["opted_out"]]
    assert header.split(", ") == expected
    assert not header.startswith(",") and not header.endswith(" ")


def test_small_exact():
    subs = [
        {"email": "a@x.io", "confirmed": True, "opted_out": False},
        {"email": "b@x.io", "confirmed": False, "opted_out": False},
        {"email": "c@x.io", "confirmed": True, "opted_out": True},
        {"email": "dörte@x.io", "confirmed": True, "opted_out": False},
    ]
    assert recipient_header(subs) == "a@x.io, dörte@x.io"
    assert recipient_header([]) == ""
    assert recipient_header(subs[1:3]) == ""


def test_empty_addresses_before_and_after_first_real_one():
    def sub(email):
        return {"email": email, "confirmed": True, "opted_out": False}
    assert recipient_header([sub(""), sub(""), sub("x@y.z"), sub(""), sub("w@v.u")]) == "x@y.z, , w@v.u"
    assert recipient_header([sub(""), sub("")]) == ""
    assert recipient_header([sub("dup@a.b"), sub("dup@a.b")]) == "dup@a.b, dup@a.b"
