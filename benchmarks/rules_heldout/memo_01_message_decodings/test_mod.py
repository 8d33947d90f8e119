import pytest

from mod import count_decodings


def _table(msg):
    # bottom-up reference
    s = msg.replace(" ", "").replace("-", "")
    n = len(s)
    dp = [0] * (n + 1)
    dp[n] = 1
    for i in range(n - 1, -1, -1):
        if s[i] == "0":
            continue
        dp[i] = dp[i + 1]
        if i + 1 < n and int(s[i:i + 2]) <= 26:
            dp[i] += dp[i + 2]
    return dp[0]


def test_long_all_ones():
    # Fibonacci growth: 27 ones have F(28) readings
    assert count_decodings("1" * 27) == 317811


def test_long_mixed_message():
    msg = "1121-2212 1126 1211 2122 12"
    assert count_decodings(msg) == _table(msg)
    assert count_decodings(msg) > 20000


def test_small_cases():
    assert count_decodings("") == 1
    assert count_decodings("0") == 0
    assert count_decodings("12") == 2
    assert count_decodings("226") == 3
    assert count_decodings("27") == 1
    assert count_decodings("100") == 0
    assert count_decodings("101") == 1
    assert count_decodings("1-0 6") == 1
    with pytest.raises(ValueError):
        count_decodings("12a")
    with pytest.raises(ValueError):
        count_decodings("１２")


def test_zero_in_the_middle_kills_every_reading():
    assert count_decodings("2112-1221 1126 1301 2122 1211") == 0
