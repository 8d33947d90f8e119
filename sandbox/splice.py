"""Put a rewrite into a module's source: replace exactly that function, add the imports and
helpers it brings, and leave every other byte of the file as it was. The one way a rewrite
reaches a file: the CLI's --write, the editor's Apply action and the evaluation of a
dataset's candidates."""

from __future__ import annotations

import ast
import textwrap

from . import syntax
from .errors import UserError
from .lines import newline_of, split_lines, to_lf
from .target import find_function, node_source


class EditError(UserError):
    pass


def _function_from_candidate(tree: ast.Module, code: str, qualname: str) -> tuple[str, ast.AST]:
    node = find_function(tree, qualname)
    if node is None and "." in qualname:
        node = find_function(tree, qualname.rsplit(".", 1)[-1])
    if node is None:
        raise EditError(f"the rewrite defines no function {qualname!r}")
    return node_source(split_lines(code), node), node


def _top_level_owner(tree: ast.Module, qualname: str) -> ast.stmt:
    head = qualname.split(".")[0]
    owner = None
    for node in tree.body:
        if getattr(node, "name", None) == head:
            owner = node
    assert owner is not None
    return owner


def _defined_names(tree: ast.Module) -> dict[str, str]:
    names: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names[node.name] = ast.dump(node)
        elif isinstance(node, ast.Assign):
            for t in node.targets:
                if isinstance(t, ast.Name):
                    names[t.id] = ast.dump(node)
    return names


def apply_rewrite(module_source: str, qualname: str, candidate_code: str) -> str:
    """The module with `qualname` replaced by the candidate's version of it."""
    nl = newline_of(module_source)
    module = syntax.parse(module_source)
    target = find_function(module, qualname)
    if target is None:
        raise EditError(f"{qualname!r} is no longer in the file; re-run the optimization")
    cand_tree = syntax.parse(candidate_code)
    func_text, func_node = _function_from_candidate(cand_tree, candidate_code, qualname)
    lines = split_lines(module_source)
    first = target.decorator_list[0].lineno if target.decorator_list else target.lineno
    indent = lines[first - 1][: len(lines[first - 1]) - len(lines[first - 1].lstrip())]
    new_func = textwrap.indent(func_text, indent, lambda line: bool(line.strip()))
    new_func = new_func.replace("\n", nl)
    if not new_func.endswith(nl):
        new_func += nl

    existing_imports = {
        ast.unparse(n) for n in module.body if isinstance(n, (ast.Import, ast.ImportFrom))
    }
    imports, helpers = [], []
    existing = _defined_names(module)
    for node in cand_tree.body:
        if node is func_node:
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            text = ast.unparse(node)
            if text not in existing_imports:
                imports.append(text)
        elif isinstance(node, ast.ClassDef) and func_node in ast.walk(node):
            continue  # the class wrapper a method came in
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Assign)):
            segment = ast.get_source_segment(candidate_code, node, padded=False) or ast.unparse(
                node
            )
            names = (
                [node.name]
                if hasattr(node, "name")
                else [t.id for t in node.targets if isinstance(t, ast.Name)]
            )
            for name in names:
                if name in existing and existing[name] != ast.dump(node):
                    raise EditError(
                        f"the rewrite's helper {name!r} would replace a different "
                        "definition in the file"
                    )
            if not all(name in existing for name in names):
                helpers.append(segment)
        elif not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)):
            raise EditError(
                f"the rewrite has top-level code ({type(node).__name__}) that "
                "cannot be placed safely"
            )

    end = target.end_lineno or first
    out = lines[: first - 1] + [new_func] + lines[end:]
    if helpers:
        owner = _top_level_owner(module, qualname)
        at = (
            owner.decorator_list[0].lineno
            if getattr(owner, "decorator_list", None)
            else owner.lineno
        )
        block = to_lf("\n".join(helpers)).replace("\n", nl) + nl + nl + nl
        out = out[: at - 1] + [block] + out[at - 1 :]
    if imports:
        out = _insert_imports(out, module, [i + nl for i in imports], nl)
    result = "".join(out)
    syntax.parse(result)  # never hand back a file that does not parse
    return result


def _insert_imports(lines: list[str], module: ast.Module, imports: list[str], nl: str) -> list[str]:
    """After the last top-level import, else after the docstring, else after the comments
    that open the file."""
    position = 0
    body = module.body
    if (
        body
        and isinstance(body[0], ast.Expr)
        and isinstance(getattr(body[0], "value", None), ast.Constant)
    ):
        position = body[0].end_lineno or 0
    for node in body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            position = node.end_lineno or position
        elif position and not isinstance(node, ast.Expr):
            break
    block = imports if position else [*imports, nl]
    if not position:  # below a shebang, an encoding cookie, a licence header
        while position < len(lines) and lines[position].lstrip().startswith("#"):
            position += 1
    return lines[:position] + block + lines[position:]
