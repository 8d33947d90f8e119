"""Import the target module as the user's tests would, and build candidates next to it."""

from __future__ import annotations

import importlib
import os
import sys
import types
from pathlib import Path
from typing import Any


def module_name_for(file: Path) -> tuple[str, Path]:
    """Dotted module name and the directory to put on sys.path, like pytest's `prepend` mode."""
    parts = [] if file.stem == "__init__" else [file.stem]
    base = file.parent
    while (base / "__init__.py").exists():
        parts.insert(0, base.name)
        base = base.parent
    return ".".join(parts), base


def same_file(a: str | None, b: Path) -> bool:
    if not a:
        return False
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def import_target_module(file: Path) -> types.ModuleType:
    for mod in list(sys.modules.values()):
        if same_file(getattr(mod, "__file__", None), file):
            return mod
    name, base = module_name_for(file)
    if str(base) not in sys.path:
        sys.path.insert(0, str(base))
    mod = importlib.import_module(name)
    if not same_file(getattr(mod, "__file__", None), file):
        raise ImportError(f"importing {name!r} loaded {mod.__file__}, not {file} (a name clash?)")
    return mod


def _owner(namespace: Any, qualname: str) -> tuple[Any, str]:
    parts = qualname.split(".")
    owner = namespace
    for part in parts[:-1]:
        owner = owner[part] if isinstance(owner, dict) else getattr(owner, part)
    return owner, parts[-1]


def _entry(owner: Any, name: str) -> Any:
    if isinstance(owner, dict):
        return owner[name]
    return owner.__dict__[name] if isinstance(owner, type) else getattr(owner, name)


def callable_of(entry: Any) -> Any:
    """The function to call with captured arguments (self/cls included for methods)."""
    return entry.__func__ if isinstance(entry, (staticmethod, classmethod)) else entry


def original_entry(mod: types.ModuleType, qualname: str) -> Any:
    owner, name = _owner(mod, qualname)
    return _entry(owner, name)


def candidate_entry(mod: types.ModuleType, qualname: str, source: str, filename: str) -> Any:
    """Execute the candidate file in a copy of the module's namespace and return its function.

    The copy shares every module-level object with the original (helpers, caches) while the
    candidate's own helpers and imports cannot overwrite the original's names. A method may
    come inside its class (`class C: def m`) or bare (`def m`)."""
    original = vars(mod)
    namespace = dict(original)
    namespace["__name__"] = mod.__name__
    exec(compile(source, filename, "exec"), namespace)  # noqa: S102 - sandboxed worker
    head, name = qualname.split(".")[0], qualname.rsplit(".", 1)[-1]
    if namespace.get(head) is not original.get(head):  # the candidate (re)defined it
        owner, attr = _owner(namespace, qualname)
        return _entry(owner, attr)
    if "." in qualname and name in namespace and namespace[name] is not original.get(name):
        return namespace[name]
    raise LookupError(f"the candidate defines no function {qualname!r}")


def install(mod: types.ModuleType, qualname: str, old: Any, new: Any) -> int:
    """Put `new` everywhere `old` is referenced: the class or module, and every module that
    imported it by name (`from mod import f`). Returns how many places were patched."""
    patched = 0
    if "." in qualname:
        owner, name = _owner(mod, qualname)
        setattr(owner, name, new)
        patched += 1
    for module in list(sys.modules.values()):
        namespace = getattr(module, "__dict__", None)
        if not isinstance(namespace, dict):
            continue
        for key, value in list(namespace.items()):
            if value is old:
                namespace[key] = new
                patched += 1
    return patched
