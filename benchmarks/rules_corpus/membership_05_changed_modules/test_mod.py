import random

from mod import changed_python_modules

PACKAGES = ["core", "api", "cli", "utils", "plugins", "tests"]


def _path(rng):
    ext = rng.choice([".py", ".py", ".py", ".md", ".toml"])
    if rng.random() < 0.05:
        return f"setup_{rng.randrange(50)}{ext}"
    pkg = rng.choice(PACKAGES)
    return f"{pkg}/sub{rng.randrange(40)}/mod_{rng.randrange(60)}{ext}"


def build_large():
    rng = random.Random(1234)
    tracked = sorted({_path(rng) for _ in range(4000)})
    tracked = [p.replace("/", "\\") if i % 4 == 0 else p for i, p in enumerate(tracked)]
    changed = [_path(rng) for _ in range(5000)]
    return changed, tracked


def test_large_diff():
    changed, tracked = build_large()
    tracked_set = {p.replace("\\", "/") for p in tracked}
    expected = {}
    for p in changed:
        if p.endswith(".py") and p in tracked_set:
            key = p.split("/")[0] if "/" in p else "."
            expected[key] = expected.get(key, 0) + 1
    result = changed_python_modules(changed, tracked)
    assert result == expected
    assert list(result) == list(expected)
    assert sum(result.values()) > 100


def test_small_with_windows_paths():
    tracked = ["core\\a.py", "core/b.py", "setup.py", "docs/x.md", "ü/ñ.py"]
    changed = ["core/a.py", "core\\b.py", "setup.py", "docs/x.md", "core/new.py", "ü\\ñ.py", "core/a.py"]
    assert changed_python_modules(changed, tracked) == {"core": 3, ".": 1, "ü": 1}


def test_empty():
    assert changed_python_modules([], ["a.py"]) == {}
    assert changed_python_modules(["a.py"], []) == {}
