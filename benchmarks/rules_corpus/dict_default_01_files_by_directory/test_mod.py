import random

from mod import files_by_directory


def make_manifest(n_dirs, seed=1234):
    rng = random.Random(seed)
    paths = []
    for d in range(n_dirs):
        base = "/srv/projects/p%03d/src/module_%05d" % (d % 97, d)
        for f in range(rng.randrange(1, 3)):
            paths.append("%s/file_%d.%s" % (base, f, rng.choice(["py", "txt", "json"])))
    rng.shuffle(paths)
    return paths


def test_large_manifest():
    paths = make_manifest(12000)
    before = list(paths)
    result = files_by_directory(paths)
    assert paths == before
    assert type(result) is dict
    assert sum(len(v) for v in result.values()) == len(paths)
    assert len(result) == 12000
    dir_order = list(dict.fromkeys(p.rsplit("/", 1)[0] for p in paths))
    assert list(result) == dir_order
    position = {p: i for i, p in enumerate(paths)}
    assert len(position) == len(paths)
    rebuilt = []
    for directory, names in result.items():
        assert type(names) is list and names
        idx = [position[directory + "/" + n] for n in names]
        assert idx == sorted(idx)
        rebuilt.extend(directory + "/" + n for n in names)
    assert sorted(rebuilt) == sorted(paths)


def test_empty_manifest():
    assert files_by_directory([]) == {}


def test_edge_paths():
    paths = ["README", "docs/intro.md", "/etc/hosts", "docs/ünïcode.md", "docs/", "LICENSE"]
    assert files_by_directory(paths) == {
        "": ["README", "LICENSE"],
        "docs": ["intro.md", "ünïcode.md", ""],
        "/etc": ["hosts"],
    }
    assert files_by_directory(["/x"]) == {"": ["x"]}
