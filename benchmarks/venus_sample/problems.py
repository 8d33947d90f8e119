"""The problems of the Venus-like sample, as source: statement, tests, starting solution and
reference solutions. `measure.py` measures the solutions and writes venus_sample.jsonl."""

from __future__ import annotations

PROBLEMS = [
    {
        "problem_id": "vs-001",
        "title": "Remove Duplicates Preserving Order",
        "difficulty": "Easy",
        "tags": ["array", "hash-table"],
        "function_name": "dedupe",
        "signature": "def dedupe(items: list[int]) -> list[int]",
        "question_content": (
            "Given a list of integers, return a new list with every value's first occurrence "
            "kept, in the original order, and later repeats removed. The input is not modified."
        ),
        "tests": '''import pytest

from solution import dedupe


def test_small():
    assert dedupe([]) == []
    assert dedupe([1, 1, 1]) == [1]
    assert dedupe([3, 1, 3, 2, 1]) == [3, 1, 2]


@pytest.mark.parametrize("seed", range(1, 7))
def test_large(seed):
    data = [(i * 7919 + seed) % 600 for i in range(1500)]
    out = dedupe(data)
    assert out == list(dict.fromkeys(data))
    assert len(out) == 600


def test_negative():
    assert dedupe([-1, 0, -1, 5, 0]) == [-1, 0, 5]
''',
        "starting_solution": '''def dedupe(items: list[int]) -> list[int]:
    out = []
    for x in items:
        if x not in out:
            out.append(x)
    return out
''',
        "solutions": [
            '''def dedupe(items: list[int]) -> list[int]:
    out = []
    for x in items:
        if x not in out:
            out.append(x)
    return out
''',
            '''def dedupe(items: list[int]) -> list[int]:
    out = []
    for i, x in enumerate(items):
        if x not in items[:i]:
            out.append(x)
    return out
''',
            '''def dedupe(items: list[int]) -> list[int]:
    seen = set()
    out = []
    for x in items:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out
''',
            '''def dedupe(items: list[int]) -> list[int]:
    return list(dict.fromkeys(items))
''',
        ],
    },
    {
        "problem_id": "vs-002",
        "title": "Run-Length Encoding",
        "difficulty": "Easy",
        "tags": ["string"],
        "function_name": "run_length_encode",
        "signature": "def run_length_encode(s: str) -> str",
        "question_content": (
            "Encode a string by replacing every maximal run of one character with the "
            "character followed by the run's length in decimal: 'aaabcc' -> 'a3b1c2'. "
            "The empty string encodes to the empty string."
        ),
        "tests": '''import pytest

from solution import run_length_encode


def test_small():
    assert run_length_encode("") == ""
    assert run_length_encode("a") == "a1"
    assert run_length_encode("aaabcc") == "a3b1c2"
    assert run_length_encode("abab") == "a1b1a1b1"


def test_digits_and_long_runs():
    assert run_length_encode("1112") == "1321"
    assert run_length_encode("z" * 12) == "z12"


@pytest.mark.parametrize("seed", range(1, 7))
def test_large(seed):
    s = "".join(ch * ((i + seed) % 5 + 1) for i, ch in enumerate("abcdefghij" * 300))
    out = run_length_encode(s)
    assert out.startswith("a")
''',
        "starting_solution": '''def run_length_encode(s: str) -> str:
    out = ""
    i = 0
    while i < len(s):
        j = i
        while j < len(s) and s[j] == s[i]:
            j += 1
        out = out + s[i] + str(j - i)
        i = j
    return out
''',
        "solutions": [
            '''def run_length_encode(s: str) -> str:
    out = ""
    i = 0
    while i < len(s):
        j = i
        while j < len(s) and s[j] == s[i]:
            j += 1
        out = out + s[i] + str(j - i)
        i = j
    return out
''',
            '''def run_length_encode(s: str) -> str:
    parts = []
    prev, count = None, 0
    for ch in s:
        if ch == prev:
            count += 1
        else:
            if prev is not None:
                parts.append(prev + str(count))
            prev, count = ch, 1
    if prev is not None:
        parts.append(prev + str(count))
    return "".join(parts)
''',
            '''from itertools import groupby


def run_length_encode(s: str) -> str:
    return "".join(f"{ch}{sum(1 for _ in run)}" for ch, run in groupby(s))
''',
            '''import re

_RUNS = re.compile(r"(.)\\1*", re.S)


def run_length_encode(s: str) -> str:
    return "".join(m.group(1) + str(len(m.group(0))) for m in _RUNS.finditer(s))
''',
        ],
    },
    {
        "problem_id": "vs-003",
        "title": "Maximum Subarray Sum",
        "difficulty": "Medium",
        "tags": ["array", "dynamic-programming"],
        "function_name": "max_subarray",
        "signature": "def max_subarray(nums: list[int]) -> int",
        "question_content": (
            "Return the largest sum of a non-empty contiguous subarray of nums. "
            "For an empty list return 0."
        ),
        "tests": '''import pytest

from solution import max_subarray


def test_small():
    assert max_subarray([]) == 0
    assert max_subarray([-3]) == -3
    assert max_subarray([-2, 1, -3, 4, -1, 2, 1, -5, 4]) == 6
    assert max_subarray([-5, -1, -7]) == -1


@pytest.mark.parametrize("seed", range(1, 7))
def test_large(seed):
    data = [((i * 7919 + seed) % 201) - 100 for i in range(120)]
    best = max_subarray(data)
    assert best >= max(data)
    assert best == max_subarray(list(data))
''',
        "starting_solution": '''def max_subarray(nums: list[int]) -> int:
    if not nums:
        return 0
    best = nums[0]
    for i in range(len(nums)):
        for j in range(i + 1, len(nums) + 1):
            s = sum(nums[i:j])
            if s > best:
                best = s
    return best
''',
        "solutions": [
            '''def max_subarray(nums: list[int]) -> int:
    if not nums:
        return 0
    best = nums[0]
    for i in range(len(nums)):
        for j in range(i + 1, len(nums) + 1):
            s = sum(nums[i:j])
            if s > best:
                best = s
    return best
''',
            '''def max_subarray(nums: list[int]) -> int:
    if not nums:
        return 0
    best = nums[0]
    for i in range(len(nums)):
        s = 0
        for j in range(i, len(nums)):
            s += nums[j]
            if s > best:
                best = s
    return best
''',
            '''def max_subarray(nums: list[int]) -> int:
    if not nums:
        return 0
    best = cur = nums[0]
    for x in nums[1:]:
        cur = max(x, cur + x)
        best = max(best, cur)
    return best
''',
            '''def max_subarray(nums: list[int]) -> int:
    if not nums:
        return 0
    best = cur = nums[0]
    for i in range(1, len(nums)):
        x = nums[i]
        cur = cur + x if cur > 0 else x
        if cur > best:
            best = cur
    return best
''',
        ],
    },
    {
        "problem_id": "vs-004",
        "title": "Two Sum Indices",
        "difficulty": "Easy",
        "tags": ["array", "hash-table"],
        "function_name": "two_sum",
        "signature": "def two_sum(nums: list[int], target: int) -> list[int]",
        "question_content": (
            "Return [i, j] with i < j and nums[i] + nums[j] == target, choosing the smallest "
            "such j and, for it, the smallest i. Return [] when no pair exists."
        ),
        "tests": '''import pytest

from solution import two_sum


def test_small():
    assert two_sum([2, 7, 11, 15], 9) == [0, 1]
    assert two_sum([3, 2, 4], 6) == [1, 2]
    assert two_sum([3, 3], 6) == [0, 1]
    assert two_sum([1, 2], 10) == []
    assert two_sum([], 0) == []


@pytest.mark.parametrize("seed", range(1, 7))
def test_large(seed):
    nums = list(range(0, 1200, 2))
    i, j = two_sum(nums, 2382 - 2 * seed)
    assert i < j and nums[i] + nums[j] == 2382 - 2 * seed
    assert two_sum(nums, 2 * seed + 1) == []
''',
        "starting_solution": '''def two_sum(nums: list[int], target: int) -> list[int]:
    for j in range(len(nums)):
        for i in range(j):
            if nums[i] + nums[j] == target:
                return [i, j]
    return []
''',
        "solutions": [
            '''def two_sum(nums: list[int], target: int) -> list[int]:
    for j in range(len(nums)):
        for i in range(j):
            if nums[i] + nums[j] == target:
                return [i, j]
    return []
''',
            '''def two_sum(nums: list[int], target: int) -> list[int]:
    for j in range(len(nums)):
        want = target - nums[j]
        if want in nums[:j]:
            return [nums.index(want), j]
    return []
''',
            '''def two_sum(nums: list[int], target: int) -> list[int]:
    first = {}
    for j, x in enumerate(nums):
        i = first.get(target - x)
        if i is not None:
            return [i, j]
        first.setdefault(x, j)
    return []
''',
        ],
    },
    {
        "problem_id": "vs-005",
        "title": "Group Anagrams",
        "difficulty": "Medium",
        "tags": ["string", "hash-table", "sorting"],
        "function_name": "group_anagrams",
        "signature": "def group_anagrams(words: list[str]) -> list[list[str]]",
        "question_content": (
            "Group the words that are anagrams of each other. Groups appear in the order of "
            "their first word in the input, and words within a group keep their input order."
        ),
        "tests": '''import pytest

from solution import group_anagrams


def test_small():
    assert group_anagrams([]) == []
    assert group_anagrams(["eat", "tea", "tan", "ate", "nat", "bat"]) == [
        ["eat", "tea", "ate"], ["tan", "nat"], ["bat"]]
    assert group_anagrams(["", ""]) == [["", ""]]


@pytest.mark.parametrize("seed", range(1, 7))
def test_large(seed):
    base = ["".join(chr(97 + (i * k + seed) % 26) for k in range(1, 6)) for i in range(150)]
    words = [w[::-1] if n % 2 else w for n, w in enumerate(base * 4)]
    groups = group_anagrams(words)
    assert sum(len(g) for g in groups) == len(words)
''',
        "starting_solution": '''def group_anagrams(words: list[str]) -> list[list[str]]:
    keys = []
    groups = []
    for w in words:
        key = sorted(w)
        found = False
        for n in range(len(keys)):
            if keys[n] == key:
                groups[n].append(w)
                found = True
                break
        if not found:
            keys.append(key)
            groups.append([w])
    return groups
''',
        "solutions": [
            '''def group_anagrams(words: list[str]) -> list[list[str]]:
    keys = []
    groups = []
    for w in words:
        key = sorted(w)
        found = False
        for n in range(len(keys)):
            if keys[n] == key:
                groups[n].append(w)
                found = True
                break
        if not found:
            keys.append(key)
            groups.append([w])
    return groups
''',
            '''def group_anagrams(words: list[str]) -> list[list[str]]:
    groups = {}
    for w in words:
        groups.setdefault("".join(sorted(w)), []).append(w)
    return list(groups.values())
''',
            '''from collections import Counter


def group_anagrams(words: list[str]) -> list[list[str]]:
    groups = {}
    for w in words:
        key = frozenset(Counter(w).items())
        groups.setdefault(key, []).append(w)
    return list(groups.values())
''',
            '''def group_anagrams(words: list[str]) -> list[list[str]]:
    groups = {}
    for w in words:
        key = tuple(sorted(w))
        if key in groups:
            groups[key].append(w)
        else:
            groups[key] = [w]
    return list(groups.values())
''',
        ],
    },
    {
        "problem_id": "vs-006",
        "title": "Balanced Brackets",
        "difficulty": "Easy",
        "tags": ["string", "stack"],
        "function_name": "is_balanced",
        "signature": "def is_balanced(s: str) -> bool",
        "question_content": (
            "Return True when s consists only of the characters ()[]{} and every bracket is "
            "closed by the matching bracket in the right order; any other character makes "
            "the string unbalanced. The empty string is balanced."
        ),
        "tests": '''import pytest

from solution import is_balanced


def test_small():
    assert is_balanced("")
    assert is_balanced("()[]{}")
    assert is_balanced("{[()]}")
    assert not is_balanced("(]")
    assert not is_balanced("(()")
    assert not is_balanced("a")
    assert not is_balanced("(a)")


@pytest.mark.parametrize("seed", range(1, 7))
def test_large(seed):
    assert is_balanced("([{" * (300 + seed) + "}])" * (300 + seed))
    assert not is_balanced("()" * (500 + seed) + "(")
''',
        "starting_solution": '''def is_balanced(s: str) -> bool:
    if any(ch not in "()[]{}" for ch in s):
        return False
    while True:
        shorter = s.replace("()", "").replace("[]", "").replace("{}", "")
        if shorter == s:
            return s == ""
        s = shorter
''',
        "solutions": [
            '''def is_balanced(s: str) -> bool:
    if any(ch not in "()[]{}" for ch in s):
        return False
    while True:
        shorter = s.replace("()", "").replace("[]", "").replace("{}", "")
        if shorter == s:
            return s == ""
        s = shorter
''',
            '''def is_balanced(s: str) -> bool:
    pairs = {")": "(", "]": "[", "}": "{"}
    stack = []
    for ch in s:
        if ch in "([{":
            stack.append(ch)
        elif ch in pairs:
            if not stack or stack.pop() != pairs[ch]:
                return False
        else:
            return False
    return not stack
''',
            '''_CLOSE = {"(": ")", "[": "]", "{": "}"}


def is_balanced(s: str) -> bool:
    expected = []
    push, pop = expected.append, expected.pop
    for ch in s:
        close = _CLOSE.get(ch)
        if close is not None:
            push(close)
        elif not expected or pop() != ch:
            return False
    return not expected
''',
        ],
    },
]
