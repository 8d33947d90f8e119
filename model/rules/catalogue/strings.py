"""String building: quadratic `s += piece` accumulation and per-character mapping loops.

Both rules need every appended piece to be provably a str: `s += x` raises TypeError at the
bad piece while a join or a translate table would fail later or differently.
"""

from __future__ import annotations

import ast

from ..analysis import Facts
from ..ast_tools import names_in, src, stmts, stores_in, walk_scope
from ..base import Context, Rule
from ..checks import only_inside, pure_expr
from ..inference import INT, STR


def append_pieces(stmt: ast.AST, acc: str | None = None) -> tuple[str, list[ast.expr]] | None:
    """(accumulator, pieces) for `acc += a` or `acc = acc + a + b`."""
    if (isinstance(stmt, ast.AugAssign) and isinstance(stmt.op, ast.Add)
            and isinstance(stmt.target, ast.Name)):
        name, pieces = stmt.target.id, [stmt.value]
    elif (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
          and isinstance(stmt.targets[0], ast.Name)):
        name, pieces, node = stmt.targets[0].id, [], stmt.value
        while isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            pieces.append(node.right)
            node = node.left
        if not (pieces and isinstance(node, ast.Name) and node.id == name):
            return None
        pieces.reverse()
    else:
        return None
    if acc is not None and name != acc:
        return None
    if any(name in names_in(p) for p in pieces):
        return None
    return name, pieces


def _str_pieces(facts: Facts, stmt: ast.AST, acc: str) -> list[ast.expr] | None:
    found = append_pieces(stmt, acc)
    # a piece of unknown type: adding it to a str succeeds only for a str (evidence)
    if found is None or not all(facts.type_of(p) in (STR, None) for p in found[1]):
        return None
    return found[1]


def _prepended(facts: Facts, stmt: ast.AST, acc: str) -> list[ast.expr] | None:
    """[piece] for `acc = piece + acc` with a str piece."""
    if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
            and isinstance(stmt.targets[0], ast.Name) and stmt.targets[0].id == acc):
        return None
    value = stmt.value
    if (isinstance(value, ast.BinOp) and isinstance(value.op, ast.Add)
            and isinstance(value.right, ast.Name) and value.right.id == acc
            and acc not in names_in(value.left) and facts.type_of(value.left) == STR):
        return [value.left]
    return None


def _jumps_out(facts: Facts, region: list[ast.stmt]) -> bool:
    """A break/continue in `region` whose loop lies outside it."""
    ids = facts.region(region)
    for stmt in region:
        for node in walk_scope(stmt):
            if isinstance(node, ast.Break | ast.Continue):
                loop = facts.loop_of_jump(node)
                if loop is None or id(loop) not in ids:
                    return True
    return False


# -- s += piece in a loop -> parts.append(piece); s = "".join(parts) -------------------------

def _rewrite_join(facts: Facts, ctx: Context) -> bool:
    for name in sorted(facts.stores):
        str_local = facts.is_plain_local(name) and facts.type_of(ast.Name(name)) == STR
        if str_local and _join_one(facts, name):
            return True
    return False


def _join_one(facts: Facts, name: str) -> bool:
    sites = facts.binding_stmts(name)
    if not all(isinstance(st, ast.stmt) for st in sites):
        return False
    for prepend in (False, True):
        pieces_of = _prepended if prepend else _str_pieces
        adds = [st for st in sites if pieces_of(facts, st, name) is not None]
        reads = {id(st.value.right if prepend else _left_name(st))
                 for st in adds if isinstance(st, ast.Assign)}
        for init in sites:
            if _join_from(facts, name, init, sites, adds, reads, prepend):
                return True
    return False


def _join_from(facts: Facts, name: str, init: ast.stmt, sites: list[ast.stmt],
               adds: list[ast.stmt], reads: set[int], prepend: bool) -> bool:
    """Rewrite the additions to `name` that follow `init` in its block, if that is safe."""
    if (init in adds or not isinstance(init, ast.Assign) or len(init.targets) != 1
            or facts.type_of(init.value) != STR):
        return False
    if prepend and "reversed" not in facts.builtins:
        return False
    block, k = facts.block_of(init)
    # The clean run after the init: statements touching `name` only through additions.
    m, end = None, k + 1
    while end < len(block):
        ids = facts.subtree(block[end])
        if any(id(u) in ids and id(u) not in reads for u in facts.loads.get(name, [])):
            break
        if any(id(st) in ids and st not in adds for st in sites):
            break
        if any(id(a) in ids for a in adds):
            m = end
        end += 1
    if m is None:
        return False
    region = block[k + 1:m + 1]
    region_ids = facts.region(region)
    after_ids = facts.region(block[m + 1:])
    own = [a for a in adds if id(a) in region_ids]
    looped = [a for a in own if any(id(loop) in region_ids for loop in facts.enclosing_loops(a))]
    rest = [st for st in sites if st is not init and st not in own]
    loads = [u for u in facts.loads.get(name, []) if id(u) not in region_ids]
    if (not looped or _jumps_out(facts, region)
            or not all(id(x) in after_ids for x in rest + loads)):
        return False
    parts = facts.fresh(f"{name}_parts")
    empty = isinstance(init.value, ast.Constant) and init.value.value == ""
    init.value = ast.List([] if empty else [init.value], ast.Load())
    init.targets = [ast.Name(parts, ast.Store())]
    for stmt in own:
        pieces = (_prepended if prepend else _str_pieces)(facts, stmt, name)
        if len(pieces) == 1:
            new = stmts(f"{parts}.append({src(pieces[0])})")[0]
        else:
            new = stmts(f"{parts}.extend(({', '.join(src(p) for p in pieces)},))")[0]
        facts.replace(stmt, new)
    joined = f"reversed({parts})" if prepend else parts
    block[m + 1:m + 1] = stmts(f"{name} = ''.join({joined})")  # block[m] may be replaced
    return True


def _acc_names(stmt: ast.AugAssign | ast.Assign) -> list[ast.Name]:
    """The accumulator's own Name nodes in an append statement."""
    if isinstance(stmt, ast.AugAssign):
        return [stmt.target]
    return [stmt.targets[0], _left_name(stmt)]


def _left_name(stmt: ast.Assign) -> ast.Name:
    node = stmt.value
    while isinstance(node, ast.BinOp):
        node = node.left
    return node


# -- for ch in text: acc += f(ch) -> acc += text.translate(table of f over distinct chars) ---

def _char_loop(facts: Facts, loop: ast.For) -> tuple[str, set[str]] | None:
    """(accumulator, temporaries) when `loop` maps each char of a str through a pure body."""
    if loop.orelse or not isinstance(loop.target, ast.Name) or not isinstance(loop.iter, ast.Name):
        return None
    ch, text = loop.target.id, loop.iter.id
    if facts.type_of(loop.iter) != STR or not facts.is_plain_local(ch):
        return None
    if text in stores_in(loop) or not only_inside(facts, ch, loop) or facts.in_try(loop):
        return None
    if len(facts.stores[ch]) != 1:
        return None
    accs = {found[0] for n in ast.walk(loop) if (found := append_pieces(n)) is not None}
    if len(accs) != 1:
        return None
    (acc,) = accs
    if acc in (ch, text) or not facts.is_plain_local(acc):
        return None
    if (facts.type_of(ast.Name(acc, ast.Load())) != STR
            or not facts.assigned_earlier(acc, loop)):
        return None
    appended = {id(name) for n in ast.walk(loop) if append_pieces(n, acc) is not None
                for name in _acc_names(n)}
    if any(isinstance(n, ast.Name) and n.id == acc and id(n) not in appended
           for n in ast.walk(loop)):
        return None  # the body reads the accumulator
    temps: set[str] = set()
    for i, stmt in enumerate(loop.body):  # temporaries: `t = pure` at the top level only
        if isinstance(stmt, ast.Assign) and append_pieces(stmt) is None:
            if len(stmt.targets) != 1 or not isinstance(stmt.targets[0], ast.Name):
                return None
            temp = stmt.targets[0].id
            if (temp in (ch, acc, text) or temp in temps or not only_inside(facts, temp, loop)
                    or len(facts.stores[temp]) != 1
                    or any(temp in names_in(s) for s in loop.body[:i])):
                return None
            temps.add(temp)
    if stores_in(loop.body) - temps - {acc}:
        return None
    if not all(_pure_stmt(facts, s, acc, temps) for s in loop.body):
        return None
    return acc, temps


def _pure_stmt(facts: Facts, stmt: ast.stmt, acc: str, temps: set[str]) -> bool:
    if isinstance(stmt, ast.Pass):
        return True
    if isinstance(stmt, ast.If):
        return pure_expr(facts, stmt.test) and all(
            _pure_stmt(facts, s, acc, temps) for s in stmt.body + stmt.orelse)
    pieces = _str_pieces(facts, stmt, acc)
    if pieces is not None:
        return all(pure_expr(facts, p) for p in pieces)
    if (isinstance(stmt, ast.Assign) and isinstance(stmt.targets[0], ast.Name)
            and stmt.targets[0].id in temps):
        return pure_expr(facts, stmt.value)
    return False


def _rewrite_translate(facts: Facts, ctx: Context) -> bool:
    if not {"dict", "ord"} <= facts.builtins:
        return False
    for loop in facts.scope_nodes:
        if not isinstance(loop, ast.For):
            continue
        found = _char_loop(facts, loop)
        if found is None:
            continue
        acc, _ = found
        ch, text = loop.target.id, loop.iter.id
        table, piece = facts.fresh("table"), facts.fresh(f"{acc}_piece")
        for node in ast.walk(loop):
            if isinstance(node, ast.Name) and node.id == acc:
                node.id = piece
        build = stmts(
            f"{table} = {{}}\n"
            f"for {ch} in dict.fromkeys({text}):\n"
            f"    {piece} = ''\n"
            f"    {table}[ord({ch})] = {piece}\n"
            f"{acc} += {text}.translate({table})"
        )
        build[1].body[1:1] = loop.body
        block, i = facts.block_of(loop)
        block[i:i + 1] = build
        return True
    return False


# -- for ch in text: if ch in "aeiou": n += 1 -> n += sum(map(text.count, "aeiou")) ----------

def _counted_chars(facts: Facts, test: ast.expr, ch: str) -> tuple[str, bool] | None:
    """(distinct literal chars, negated) for `ch in "abc"`, `ch not in "abc"`, `ch == "a"`."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return None
    left, op, right = test.left, test.ops[0], test.comparators[0]
    if isinstance(op, ast.Eq | ast.NotEq) and isinstance(left, ast.Constant):
        left, right = right, left
    if not (isinstance(left, ast.Name) and left.id == ch and isinstance(right, ast.Constant)
            and type(right.value) is str and right.value):
        return None
    if isinstance(op, ast.In | ast.NotIn):
        return "".join(dict.fromkeys(right.value)), isinstance(op, ast.NotIn)
    if isinstance(op, ast.Eq | ast.NotEq) and len(right.value) == 1:
        return right.value, isinstance(op, ast.NotEq)
    return None


def _rewrite_char_count(facts: Facts, ctx: Context) -> bool:
    if not {"sum", "map", "len"} <= facts.builtins:
        return False
    for loop in facts.scope_nodes:
        if not (isinstance(loop, ast.For) and not loop.orelse and len(loop.body) == 1
                and isinstance(loop.target, ast.Name) and isinstance(loop.iter, ast.Name)
                and facts.type_of(loop.iter) == STR):
            continue
        test = loop.body[0]
        if not (isinstance(test, ast.If) and not test.orelse and len(test.body) == 1):
            continue
        bump = test.body[0]
        if not (isinstance(bump, ast.AugAssign) and isinstance(bump.op, ast.Add)
                and isinstance(bump.target, ast.Name) and isinstance(bump.value, ast.Constant)
                and type(bump.value.value) is int and bump.value.value == 1):
            continue
        ch, text, n = loop.target.id, loop.iter.id, bump.target.id
        found = _counted_chars(facts, test.test, ch)
        if found is None or n in (ch, text) or not facts.is_plain_local(n):
            continue
        if facts.type_of(ast.Name(n)) != INT or not facts.is_plain_local(ch) or not only_inside(
                facts, ch, loop):
            continue
        chars, negated = found
        count = (f"{text}.count({chars!r})" if len(chars) == 1
                 else f"sum(map({text}.count, {chars!r}))")
        if negated:
            count = f"len({text}) - {count}"
        facts.replace(loop, stmts(f"{n} += {count}")[0])
        return True
    return False


CHAR_COUNT = Rule(
    "char-count",
    "counting literal characters one by one -> str.count() per distinct character",
    _rewrite_char_count,
)
JOIN = Rule(
    "str-concat-join",
    "str built by += (or prepending) in a loop -> list of parts and one ''.join()",
    _rewrite_join,
)
TRANSLATE = Rule(
    "char-map-translate",
    "per-character string building loop -> str.translate() with a table built once per "
    "distinct character",
    _rewrite_translate,
)
