"""Import the target module as the user's tests would, and build candidates next to it."""

from __future__ import annotations

import ast
import functools
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


ACCESSORS = ("setter", "deleter")  # `Class.prop.setter`: the property's setter def


def split_accessor(qualname: str) -> tuple[str, str | None]:
    """`C.p.setter` -> (`C.p`, "setter"); anything else -> (qualname, None)."""
    head, _, last = qualname.rpartition(".")
    if head and "." in head and last in ACCESSORS:
        return head, last
    return qualname, None


def _owner(namespace: Any, qualname: str) -> tuple[Any, str]:
    parts = split_accessor(qualname)[0].split(".")
    owner = namespace
    for part in parts[:-1]:
        owner = owner[part] if isinstance(owner, dict) else getattr(owner, part)
    return owner, parts[-1]


def owner_of(mod: types.ModuleType, qualname: str) -> Any:
    """The class a method belongs to; None for a module-level function."""
    plain = split_accessor(qualname)[0]
    return _owner(mod, plain)[0] if "." in plain else None


def _entry(owner: Any, name: str) -> Any:
    if isinstance(owner, dict):
        return owner[name]
    return owner.__dict__[name] if isinstance(owner, type) else getattr(owner, name)


def callable_of(entry: Any, qualname: str = "") -> Any:
    """The function to call with captured arguments (self/cls included for methods): the
    function of a staticmethod or classmethod, a property's getter (or its setter or
    deleter, by the qualname), a cached_property's function."""
    if isinstance(entry, (staticmethod, classmethod)):
        return entry.__func__
    if isinstance(entry, property):
        accessor = split_accessor(qualname)[1]
        func = {"setter": entry.fset, "deleter": entry.fdel}.get(accessor or "", entry.fget)
        if func is None:
            raise LookupError(f"the property {qualname!r} has no {accessor or 'getter'}")
        return func
    if isinstance(entry, functools.cached_property):
        return entry.func
    return entry


def replacement(old: Any, new: Any, qualname: str) -> Any:
    """What to store in the class for a candidate: the candidate's function wrapped as the
    original was (a property keeps its other accessors, a cached_property its name)."""
    func = callable_of(new, qualname)
    if isinstance(old, property):
        accessor = split_accessor(qualname)[1]
        parts = {"fget": old.fget, "fset": old.fset, "fdel": old.fdel}
        parts[{"setter": "fset", "deleter": "fdel"}.get(accessor or "", "fget")] = func
        return property(**parts, doc=old.__doc__)
    if isinstance(old, functools.cached_property):
        wrapped = functools.cached_property(func)
        wrapped.__set_name__(None, old.attrname)
        return wrapped
    if isinstance(old, (staticmethod, classmethod)) and not isinstance(new, type(old)):
        return type(old)(func)
    return new


def original_entry(mod: types.ModuleType, qualname: str) -> Any:
    owner, name = _owner(mod, qualname)
    return _entry(owner, name)


def candidate_entry(mod: types.ModuleType, qualname: str, source: str, filename: str) -> Any:
    """Execute the candidate file in a copy of the module's namespace and return its function.

    The copy shares every module-level object with the original (helpers, caches) while the
    candidate's own helpers and imports cannot overwrite the original's names. A method may
    come inside its class (`class C: def m`) or bare (`def m`); a bare one is compiled in a
    class body of the same name, so `self.__x` is mangled as in the class, names of the
    class body (`def pop(self, default=__marker)`) resolve, and `super()` finds the class."""
    original = vars(mod)
    namespace = dict(original)
    namespace["__name__"] = mod.__name__
    plain = split_accessor(qualname)[0]
    head, name = plain.split(".")[0], plain.rsplit(".", 1)[-1]
    tree = ast.parse(source, filename)
    bare = "." in qualname and not _defines(tree, head) and _defines(tree, name)
    if bare:
        return _bare_method(mod, qualname, tree, filename, namespace)
    exec(compile(tree, filename, "exec"), namespace)  # noqa: S102 - sandboxed worker
    if namespace.get(head) is not original.get(head):  # the candidate (re)defined it
        owner, attr = _owner(namespace, qualname)
        return _entry(owner, attr)
    raise LookupError(f"the candidate defines no function {qualname!r}")


def _defines(tree: ast.Module, name: str) -> bool:
    kinds = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    return any(isinstance(n, kinds) and n.name == name for n in tree.body)


_BODY = "__afterburner_class_body__"


def _bare_method(
    mod: types.ModuleType, qualname: str, tree: ast.Module, filename: str, namespace: dict
) -> Any:
    owner, name = _owner(mod, qualname)
    cls_name = split_accessor(qualname)[0].split(".")[-2]
    for i, node in enumerate(tree.body):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == name:
            body = ast.ClassDef(
                name=cls_name, bases=[], decorator_list=[], body=[node], type_params=[],
                keywords=[ast.keyword(arg="metaclass", value=ast.Name(_BODY, ast.Load()))],
            )  # fmt: skip
            tree.body[i] = ast.copy_location(body, node)
    ast.fix_missing_locations(tree)
    prefill = {k: v for k, v in vars(owner).items() if not k.startswith("__")}

    class Body(type):
        """The class statement's namespace is the owner's, and the statement gives it back."""

        @classmethod
        def __prepare__(mcs, *args: Any, **kwargs: Any) -> dict:
            return dict(prefill)

        def __new__(mcs, cls: str, bases: tuple, ns: dict, **kwargs: Any) -> Any:
            return ns

    before = namespace.get(cls_name, _MISSING)
    namespace[_BODY] = Body
    exec(compile(tree, filename, "exec"), namespace)  # noqa: S102 - sandboxed worker
    ns = namespace.pop(cls_name)
    namespace.pop(_BODY, None)
    if before is not _MISSING:
        namespace[cls_name] = before
    cell = ns.get("__classcell__")
    if cell is not None:
        cell.cell_contents = owner  # zero-argument super() in the method
    return ns[name]


_MISSING = object()


def install(mod: types.ModuleType, qualname: str, old: Any, new: Any) -> int:
    """Put `new` everywhere `old` is referenced: the class or module, and every module that
    imported it by name (`from mod import f`). Returns how many places were patched."""
    patched = 0
    if "." in qualname:
        owner, name = _owner(mod, qualname)
        new = replacement(old, new, qualname)
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
