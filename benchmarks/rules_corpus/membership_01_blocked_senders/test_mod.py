import random

from mod import Message, drop_blocked


def build_large():
    rng = random.Random(1234)
    messages = [
        Message(f"user{rng.randrange(8000)}@example.com", f"weekly report {i}", rng.randrange(200, 90000))
        for i in range(5000)
    ]
    blocked = [f"user{n}@example.com" for n in range(0, 8000, 3)]
    return messages, blocked


def test_large_mailbox():
    messages, blocked = build_large()
    snapshot = list(messages)
    result = drop_blocked(messages, blocked)
    expected = [m for m in messages if int(m.sender[4:].split("@")[0]) % 3 != 0]
    assert result == expected
    assert messages == snapshot
    assert len(result) < len(messages)


def test_empty_inputs():
    assert drop_blocked([], ["a@x.org"]) == []
    msgs = [Message("a@x.org", "hi", 10)]
    assert drop_blocked(msgs, []) == msgs


def test_duplicates_and_unicode_keep_order():
    msgs = [
        Message("zoë@exämple.de", "grüße", 120),
        Message("spam@bad.biz", "win", 5),
        Message("zoë@exämple.de", "again", 130),
        Message("bob@ok.com", "lunch", 40),
        Message("spam@bad.biz", "win2", 6),
    ]
    out = drop_blocked(msgs, ["spam@bad.biz", "nobody@none.net"])
    assert out == [msgs[0], msgs[2], msgs[3]]
    assert isinstance(out, list)


def test_everything_blocked():
    msgs = [Message("a@b.c", "s", 1), Message("a@b.c", "t", 2)]
    assert drop_blocked(msgs, ["a@b.c"]) == []
