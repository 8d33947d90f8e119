from mod import HashtagSegmenter


def reachable(tag, vocab):
    ok = [False] * (len(tag) + 1)
    ok[len(tag)] = True
    for i in range(len(tag) - 1, -1, -1):
        ok[i] = any(tag[i:j] in vocab and ok[j] for j in range(i + 1, len(tag) + 1))
    return ok[0]


def test_empty_tag_and_vocabulary():
    assert HashtagSegmenter([]).can_segment("") is True
    assert HashtagSegmenter([]).can_segment("abc") is False


def test_common_hashtags():
    seg = HashtagSegmenter(["throw", "back", "thursday", "no", "filter", "love", "Fit", "fam"])
    assert seg.can_segment("throwbackthursday") is True
    assert seg.can_segment("nofilter") is True
    assert seg.can_segment("fitfam") is True
    assert seg.can_segment("fitfamily") is False
    assert seg.can_segment("xnofilter", 1) is True


def test_unicode_words():
    seg = HashtagSegmenter(["café", "crème", "été"])
    assert seg.can_segment("cafécrèmeété") is True
    assert seg.can_segment("cafécrème!") is False


def test_pathological_tags():
    vocab = ["a", "aa", "aaa", "aaaa", "aaaaa", "b"]
    seg = HashtagSegmenter(vocab)
    tag = "a" * 18 + "c"
    assert reachable(tag, set(vocab)) is False
    assert seg.can_segment(tag) is False
    assert seg.can_segment("a" * 40 + "b") is True
    assert seg.can_segment("ba" * 5 + "a" * 14 + "x" + "b", 10) is False
    assert seg.can_segment("ba" * 5 + "a" * 14 + "x" + "b", 25) is True
