import random

from mod import transcripts_by_channel


def chat_log(n, seed=1234):
    rng = random.Random(seed)
    channels = ["#general", "#dev", "#random"]
    authors = ["alice", "bob", "carol", "dmitri", "spambot"]
    words = "deploy failed again rollback please lunch coffee review merged ok".split()
    log = []
    for _ in range(n):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 8)))
        log.append((rng.choice(channels), rng.choice(authors), text))
    return log


def test_large_log_reconstructs_each_channel():
    log = chat_log(12000)
    muted = {"spambot"}
    result = transcripts_by_channel(log, muted)
    first_seen = []
    for channel, author, text in log:
        if author not in muted and text.strip() and channel not in first_seen:
            first_seen.append(channel)
    assert list(result) == first_seen
    for channel, transcript in result.items():
        expected_lines = [f"<{a}> {t}" for c, a, t in log if c == channel and a not in muted and t.strip()]
        assert transcript.splitlines() == expected_lines
        assert transcript.endswith("\n")
        assert "<spambot>" not in transcript


def test_small_exact():
    log = [
        ("#ops", "eve", "disk full"),
        ("#dev", "bob", "   "),
        ("#dev", "bob", "patch up"),
        ("#ops", "eve", "fixed ✅"),
        ("#ops", "mallory", "buy now"),
    ]
    assert transcripts_by_channel(log, {"mallory"}) == {
        "#ops": "<eve> disk full\n<eve> fixed ✅\n",
        "#dev": "<bob> patch up\n",
    }
    assert transcripts_by_channel(log)["#ops"].count("\n") == 3


def test_empty():
    assert transcripts_by_channel([]) == {}
    assert transcripts_by_channel([("#x", "a", "")]) == {}
