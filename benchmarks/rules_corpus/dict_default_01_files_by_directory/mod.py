"""Helpers for a backup tool that walks file manifests."""


def files_by_directory(paths: list[str]) -> dict[str, list[str]]:
    """Group slash-separated file paths by their parent directory.

    Returns ``{directory: [file names in manifest order]}``; directories are
    listed in order of first appearance.  Paths without a slash go under "".
    """
    groups: dict[str, list[str]] = {}
    for path in paths:
        directory, _, name = path.rpartition("/")
        try:
            groups[directory].append(name)
        except KeyError:
            groups[directory] = [name]
    return groups
