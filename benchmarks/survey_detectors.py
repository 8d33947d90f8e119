"""AST detectors of candidate slow patterns, for benchmarks/rules_survey.py.

Each detector looks at one function (nested functions and classes get their own turn) and
yields a line per occurrence: a candidate for a rewrite, not a proof that one is valid or
faster. Patterns may overlap (`if x not in R: R.append(x)` is `dedup` and `membership`).
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

Func = ast.FunctionDef | ast.AsyncFunctionDef
Loops = tuple[ast.AST, ...]  # enclosing loops, innermost last
SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
COMPS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
FORS = (ast.For, ast.AsyncFor)
WRITE = (ast.Store, ast.Del)
MUTATORS = {"append", "extend", "insert", "pop", "remove", "clear", "sort", "reverse", "add",
            "discard", "update", "setdefault", "popitem", "appendleft", "extendleft", "popleft"}
RE_FUNCS = {"compile", "match", "fullmatch", "search", "sub", "findall", "finditer", "split"}
Detector = Callable[["Context"], Iterator[int]]
DETECTORS: dict[str, Detector] = {}  # pattern id -> detector


def detector(find: Detector) -> Detector:
    DETECTORS[find.__name__] = find
    return find


def same(a: ast.AST | None, b: ast.AST | None) -> bool:
    """The same source form (a load and a store of `x` are the same)."""
    return a is not None and b is not None and ast.unparse(a) == ast.unparse(b)


def walk(nodes: Iterable[ast.AST]) -> Iterator[ast.AST]:
    """ast.walk over several roots, not entering nested functions, lambdas or classes."""
    stack = list(nodes)
    while stack:
        node = stack.pop()
        yield node
        stack.extend(c for c in ast.iter_child_nodes(node) if not isinstance(c, SCOPES))


def names(node: ast.AST) -> set[str]:
    return {n.id for n in walk([node]) if isinstance(n, ast.Name)}


def root_name(node: ast.AST) -> str | None:  # `a` for a, a.b, a[i].c
    while isinstance(node, ast.Attribute | ast.Subscript):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def attr_call(node: ast.AST, *attrs: str) -> ast.Call | None:
    """`node` when it is a call `<something>.attr(...)`, attr one of `attrs`, else None."""
    is_call = isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    return node if is_call and node.func.attr in attrs else None


def name_call(node: ast.AST, *funcs: str) -> ast.Call | None:  # `f(...)`, f one of `funcs`
    is_call = isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    return node if is_call and node.func.id in funcs else None


def _children(node: ast.AST, loops: Loops) -> Iterator[tuple[ast.AST, Loops]]:
    """A node's children, each with the loops that evaluate it once per iteration."""
    inner = (*loops, node)
    if isinstance(node, FORS):  # the iterable is evaluated once, before the loop
        yield from [(node.iter, loops), *((c, inner) for c in [node.target, *node.body])]
        yield from ((c, loops) for c in node.orelse)
    elif isinstance(node, ast.While):
        yield from ((c, inner) for c in [node.test, *node.body])
        yield from ((c, loops) for c in node.orelse)
    elif isinstance(node, COMPS):  # so is the first generator's
        for i, gen in enumerate(node.generators):
            yield gen.iter, inner if i else loops
            yield from ((c, inner) for c in [gen.target, *gen.ifs])
        parts = [node.key, node.value] if isinstance(node, ast.DictComp) else [node.elt]
        yield from ((c, inner) for c in parts)
    else:
        yield from ((c, loops) for c in ast.iter_child_nodes(node))


def _is_list(value: ast.AST) -> bool:
    return isinstance(value, ast.List | ast.ListComp) or bool(name_call(value, "list"))


def _empty(value: ast.AST) -> bool:
    if isinstance(value, ast.List | ast.Tuple | ast.Set | ast.Dict):
        return not (value.keys if isinstance(value, ast.Dict) else value.elts)
    call = name_call(value, "list", "dict", "set")
    return bool(call) and not call.args


@dataclass
class Context:
    """One function, pre-digested for the detectors."""

    func: Func
    modules: frozenset[str]  # names the file imports (e.g. `itertools`, `operator`)
    nodes: list[tuple[ast.AST, Loops]] = field(init=False)  # the body's, with their loops
    list_names: set[str] = field(init=False)  # only ever bound to a list
    str_names: set[str] = field(init=False)  # bound to a string literal somewhere
    _changed: dict[int, set[str]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.nodes, stack = [], [(stmt, ()) for stmt in reversed(self.func.body)]
        while stack:
            node, loops = stack.pop()
            if not isinstance(node, SCOPES):
                self.nodes.append((node, loops))
                stack.extend(reversed(list(_children(node, loops))))
        lists, others, self.str_names = set(), set(), set()
        for node, _ in self.nodes:
            if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for t in (t.id for t in targets if isinstance(t, ast.Name)):
                    (lists if _is_list(node.value) else others).add(t)
                    if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                        self.str_names.add(t)
            elif isinstance(node, (*FORS, *COMPS)):
                gens = node.generators if isinstance(node, COMPS) else [node]
                others |= {n for g in gens for n in names(g.target)}
        self.list_names = lists - others

    @property
    def blocks(self) -> Iterator[list[ast.stmt]]:
        """Every statement list of the body: the body itself and each nested block."""
        yield self.func.body
        for node, _ in self.nodes:
            for block in (getattr(node, a, None) for a in ("body", "orelse", "finalbody")):
                if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
                    yield block

    def looped(self, *types: type) -> Iterator[tuple[ast.AST, Loops]]:
        """The nodes of these types evaluated inside some loop, with their loops."""
        return ((n, loops) for n, loops in self.nodes if loops and isinstance(n, types))

    def changed(self, loop: ast.AST) -> set[str]:
        """Names a loop rebinds, deletes or mutates (item/attribute stores, mutating calls)."""
        if id(loop) not in self._changed:
            out = set()
            for n in walk([loop]):
                if isinstance(n, ast.Name) and isinstance(n.ctx, WRITE):
                    out.add(n.id)
                elif isinstance(n, ast.Attribute | ast.Subscript) and isinstance(n.ctx, WRITE):
                    out.add(root_name(n.value))
                elif call := attr_call(n, *MUTATORS):
                    out.add(root_name(call.func.value))
            self._changed[id(loop)] = out - {None}
        return self._changed[id(loop)]


def _method_call(node: ast.AST, receiver: ast.AST, method: str) -> ast.Call | None:
    """`node` when it is the statement or call `receiver.method(...)`."""
    call = attr_call(node.value if isinstance(node, ast.Expr) else node, method)
    return call if call and same(call.func.value, receiver) else None


def _in_test(test: ast.AST, op: type) -> tuple[ast.AST, ast.AST] | None:
    """(key, container) when the test is `key in container` (op In) / `not in` (NotIn)."""
    ok = isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], op)
    return (test.left, test.comparators[0]) if ok else None


def _item(node: ast.AST, d: ast.AST, k: ast.AST) -> bool:
    return isinstance(node, ast.Subscript) and same(node.value, d) and same(node.slice, k)


@detector
def membership(ctx: Context) -> Iterator[int]:
    for node, _ in ctx.looped(ast.Compare):
        for op, right in zip(node.ops, node.comparators, strict=True):
            listy = (right.id in ctx.list_names if isinstance(right, ast.Name)
                     else isinstance(right, ast.List | ast.ListComp))  # fmt: skip
            if isinstance(op, ast.In | ast.NotIn) and listy:
                yield node.lineno


@detector
def dedup(ctx: Context) -> Iterator[int]:
    for node, _ in ctx.looped(ast.If):
        if test := _in_test(node.test, ast.NotIn):
            calls = [c for s in node.body if (c := _method_call(s, test[1], "append"))]
            if any(c.args and same(c.args[0], test[0]) for c in calls):
                yield node.lineno


def _pairs(outer: ast.For, inner: ast.For) -> bool:
    """Some `a == b` or `a + b` in the inner body, a an element of the outer loop, b of the
    inner one (`x` of `for x in xs`; `xs[i]` of `for i in range(..)`, not `i` itself)."""
    def side(e: ast.AST) -> str | None:
        of = [bool(names(e) & names(f.target)) and (isinstance(e, ast.Subscript)
              or not name_call(f.iter, "range")) for f in (outer, inner)]  # fmt: skip
        return {(True, False): "o", (False, True): "i"}.get(tuple(of))

    for n in walk(inner.body):
        plus = isinstance(n, ast.BinOp) and isinstance(n.op, ast.Add)
        pairs = [(n.left, n.right)] if plus else []
        if isinstance(n, ast.Compare):
            s = [n.left, *n.comparators]
            pairs = [(s[i], s[i + 1]) for i, op in enumerate(n.ops) if isinstance(op, ast.Eq)]
        if any({side(a), side(b)} == {"o", "i"} for a, b in pairs):
            return True
    return False


@detector
def pair_search(ctx: Context) -> Iterator[int]:
    for outer in (n for n, _ in ctx.nodes if isinstance(n, FORS)):
        yield from (s.lineno for s in outer.body if isinstance(s, FORS) and _pairs(outer, s))


@detector
def index_count(ctx: Context) -> Iterator[int]:
    for node, loops in ctx.looped(ast.Call):
        recv = node.func.value if attr_call(node, "index", "count") else None
        skip = ctx.modules | {"self", "cls"}  # itertools.count, self.index: not a sequence
        if isinstance(recv, ast.Name) and recv.id not in skip | ctx.changed(loops[-1]):
            yield node.lineno


@detector
def queue(ctx: Context) -> Iterator[int]:
    for node, _ in ctx.looped(ast.Call):
        if call := attr_call(node, "pop", "insert"):
            first = call.args[0] if call.args else None
            zero = isinstance(first, ast.Constant) and first.value == 0
            if zero and len(call.args) == {"pop": 1, "insert": 2}[call.func.attr]:
                yield node.lineno


@detector
def string_build(ctx: Context) -> Iterator[int]:
    for node, _ in ctx.looped(ast.AugAssign, ast.Assign):
        if isinstance(node, ast.AugAssign):
            target = node.target if isinstance(node.op, ast.Add) else None
        else:  # s = s + ...
            target, value = node.targets[0], node.value
            add = isinstance(value, ast.BinOp) and isinstance(value.op, ast.Add)
            target = target if add and same(value.left, target) else None
        if isinstance(target, ast.Name) and target.id in ctx.str_names:
            yield node.lineno


def _accumulator(stmt: ast.stmt, prev: ast.stmt | None) -> ast.AST | None:
    """`total` of `total += x` (not `n -= n // p`); `out` of `out.append(..)` after `out = []`."""
    if isinstance(stmt, ast.AugAssign) and isinstance(stmt.op, ast.Add | ast.Sub):
        plain = isinstance(stmt.target, ast.Name) and stmt.target.id not in names(stmt.value)
        return stmt.target if plain else None
    fresh = isinstance(prev, ast.Assign) and _empty(prev.value) and _is_list(prev.value)
    return prev.targets[-1] if fresh and _method_call(stmt, prev.targets[-1], "append") else None


def _accumulates(stmt: ast.stmt, prev: ast.stmt | None) -> bool:
    """A loop body that a builtin or a comprehension would do: sum, any/all, max/min, [..]."""
    if not isinstance(stmt, ast.If) or stmt.orelse:
        return _accumulator(stmt, prev) is not None
    body, test = stmt.body, stmt.test
    if [type(s) for s in body] in ([ast.Assign, ast.Break], [ast.Return]):  # any / all
        return isinstance(body[0].value, ast.Constant)
    if (acc := _accumulator(body[0], prev) if len(body) == 1 else None) is not None:
        return not names(test) & names(acc)  # not `if x not in out: out.append(x)`
    ops = test.ops if isinstance(test, ast.Compare) else []  # if x > best: best = x
    if len(ops) != 1 or not isinstance(ops[0], ast.Gt | ast.Lt | ast.GtE | ast.LtE):
        return False
    bound = {ast.unparse(t) for s in body if isinstance(s, ast.Assign) for t in s.targets}
    compared = {ast.unparse(test.left), ast.unparse(test.comparators[0])}
    return all(isinstance(s, ast.Assign) for s in body) and bool(compared & bound)


@detector
def loop_builtin(ctx: Context) -> Iterator[int]:
    for block in ctx.blocks:
        for i, stmt in enumerate(block):
            single = isinstance(stmt, ast.For) and not stmt.orelse and len(stmt.body) == 1
            if single and _accumulates(stmt.body[0], block[i - 1] if i else None):
                yield stmt.lineno


@detector
def counting(ctx: Context) -> Iterator[int]:
    for node, _ in ctx.looped(ast.Assign, ast.If):
        if isinstance(node, ast.Assign) and isinstance(t := node.targets[0], ast.Subscript):
            v, get = node.value, f"{ast.unparse(t.value)}.get({ast.unparse(t.slice)}, 0)"
            plus = isinstance(v, ast.BinOp) and isinstance(v.op, ast.Add)
            if plus and ast.unparse(v.left) == get:  # d[k] = d.get(k, 0) + 1
                yield node.lineno
        elif isinstance(node, ast.If) and node.orelse:  # if k in d: d[k] += 1 / else: d[k] = 1
            found, missing = node.body[0], node.orelse[0]
            if not (test := _in_test(node.test, ast.In)):
                found, missing = missing, found
                test = _in_test(node.test, ast.NotIn)
            if test and isinstance(found, ast.AugAssign) and isinstance(missing, ast.Assign):
                k, d = test
                if _item(found.target, d, k) and _item(missing.targets[0], d, k):
                    yield node.lineno


@detector
def dict_default(ctx: Context) -> Iterator[int]:
    for node, _ in ctx.looped(ast.Try, ast.If):
        if isinstance(node, ast.Try):  # try: d[k] ... except KeyError: d[k] = ...
            read = {ast.unparse(n) for n in walk(node.body) if isinstance(n, ast.Subscript)}
            for h in node.handlers:
                stores = [t for s in walk(h.body) if isinstance(s, ast.Assign) for t in s.targets]
                catches = h.type is not None and "KeyError" in names(h.type)
                stored = [t for t in stores if isinstance(t, ast.Subscript)]
                if catches and any(ast.unparse(t) in read for t in stored):
                    yield node.lineno
        elif not node.orelse and (test := _in_test(node.test, ast.NotIn)) and any(
            isinstance(s, ast.Assign) and _item(s.targets[0], test[1], test[0])
            and _empty(s.value) for s in node.body
        ):  # if k not in d: d[k] = []
            yield node.lineno


@detector
def sort_in_loop(ctx: Context) -> Iterator[int]:
    for node, _ in ctx.looped(ast.Call):
        if name_call(node, "sorted") or attr_call(node, "sort"):
            yield node.lineno


def _topk_slice(s: ast.AST) -> bool:
    """[:k] or [-k:]."""
    neg = isinstance(getattr(s, "lower", None), ast.UnaryOp) and isinstance(s.lower.op, ast.USub)
    ok = isinstance(s, ast.Slice) and s.step is None
    return ok and ((s.lower is None and s.upper is not None) or (neg and s.upper is None))


@detector
def topk(ctx: Context) -> Iterator[int]:
    for node in (n for n, _ in ctx.nodes if isinstance(n, ast.Subscript)):  # sorted(...)[:k]
        if _topk_slice(node.slice) and name_call(node.value, "sorted"):
            yield node.lineno
    for block in ctx.blocks:  # xs.sort() ... xs[:k]
        for i, stmt in enumerate(block):
            call = attr_call(stmt.value, "sort") if isinstance(stmt, ast.Expr) else None
            seq = call.func.value if call else None
            if isinstance(seq, ast.Name) and any(
                isinstance(n, ast.Subscript) and same(n.value, seq) and _topk_slice(n.slice)
                for n in walk(block[i + 1 :])
            ):
                yield stmt.lineno


@detector
def hoist(ctx: Context) -> Iterator[int]:
    # `x in {1, 2}`: the compiler already makes such a set a frozenset constant
    folded = {id(c) for n, _ in ctx.looped(ast.Compare) for op, c in zip(n.ops, n.comparators,
              strict=True) if isinstance(op, ast.In | ast.NotIn)}  # fmt: skip
    for node, loops in ctx.looped(ast.Call, ast.Set, ast.Dict):
        changed = ctx.changed(loops[-1])
        if isinstance(node, ast.Set | ast.Dict):  # a constant literal rebuilt each time
            parts = node.elts if isinstance(node, ast.Set) else [*node.keys, *node.values]
            if id(node) not in folded and parts and all(isinstance(p, ast.Constant) for p in parts):
                yield node.lineno
        elif name_call(node, "len", "sum", "max", "min"):
            arg = node.args[0] if len(node.args) == 1 and not node.keywords else None
            if isinstance(arg, ast.Name) and arg.id not in changed:
                yield node.lineno
        elif isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name):
            mod, args = node.func.value.id, node.args
            literal = args and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str)
            re_const = mod == "re" and node.func.attr in RE_FUNCS and literal
            copy = (mod, node.func.attr) == ("copy", "deepcopy")
            if re_const or (copy and not set().union(*map(names, args)) & changed):
                yield node.lineno


@detector
def memo(ctx: Context) -> Iterator[int]:
    f = ctx.func
    words = " ".join(str(getattr(n, a, "")) for n in ast.walk(f) for a in ("id", "attr", "arg"))
    if "cache" in words.lower() or "memo" in words.lower():
        return  # already memoized, or so it seems
    params = f.args.posonlyargs + f.args.args
    me = params[0].arg if params and params[0].arg in ("self", "cls") else None

    def calls_self(n: ast.AST) -> bool:  # f(...), or self.f(...) in a method
        call = attr_call(n, f.name) if me else name_call(n, f.name)
        return bool(call) and (not me or same(call.func.value, ast.Name(me)))

    for node, _ in ctx.nodes:
        if isinstance(node, ast.stmt):  # its own expressions, not the statements nested in it
            own = [c for c in ast.iter_child_nodes(node) if isinstance(c, ast.expr)]
            if sum(map(calls_self, walk(own))) >= 2:
                yield node.lineno
                return


def detect(func: Func, modules: frozenset[str]) -> list[tuple[str, int]]:
    """(pattern id, line) for each occurrence of each pattern in the function."""
    ctx = Context(func, modules)
    return [(pid, line) for pid, find in DETECTORS.items() for line in find(ctx)]
