def changed_python_modules(changed_paths: list[str], tracked_paths: list[str]) -> dict[str, int]:
    """Count changed, tracked .py files per top-level package ("." for files at the root).

    Windows separators are accepted in both lists.
    """
    tracked = sorted(p.replace("\\", "/") for p in tracked_paths)
    per_package: dict[str, int] = {}
    for raw in changed_paths:
        path = raw.replace("\\", "/")
        if path.endswith(".py"):
            if path in tracked:
                package = path.split("/", 1)[0] if "/" in path else "."
                per_package[package] = per_package.get(package, 0) + 1
    return per_package
