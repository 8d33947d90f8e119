"""What the rules know about builtins and str methods: which only read their arguments,
which call no user code, what each str method returns."""

from __future__ import annotations

STR_TO_STR = {
    "upper", "lower", "casefold", "swapcase", "capitalize", "title", "strip", "lstrip", "rstrip",
    "replace", "center", "ljust", "rjust", "zfill", "expandtabs", "removeprefix", "removesuffix",
    "join", "format", "translate",
}
STR_TO_BOOL = {
    "isalpha", "isdigit", "isdecimal", "isnumeric", "isalnum", "isspace", "isupper", "islower",
    "istitle", "isprintable", "isascii", "isidentifier", "startswith", "endswith",
}
STR_TO_INT = {"find", "rfind", "index", "rindex", "count"}
STR_METHODS = STR_TO_STR | STR_TO_BOOL | STR_TO_INT | {"split", "rsplit", "splitlines", "encode"}

# Builtins that only read (iterate, measure, copy) their sole argument.
READING_BUILTINS = {
    "len", "list", "tuple", "sorted", "set", "frozenset", "sum", "min", "max", "any", "all",
    "enumerate", "zip", "reversed", "iter", "bool", "str", "repr", "hash", "print",
}
# List methods whose effect on element types the inference tracks.
ADDING_METHODS = {"append", "extend", "insert"}
TRACKED_METHODS = ADDING_METHODS | {"pop", "remove", "clear", "sort", "reverse"}
# Builtins that call no user code that could mutate containers passed to them.
SAFE_BUILTINS = {
    "len", "list", "tuple", "sorted", "set", "frozenset", "dict", "sum", "min", "max", "any",
    "all", "enumerate", "zip", "reversed", "iter", "range", "bool", "int", "float", "str",
    "repr", "chr", "ord", "abs", "round", "divmod", "isinstance", "print", "hash", "bin", "hex",
    "oct",
}
# Methods that leave a list/dict/set receiver unchanged and keep no reference to it.
READING_METHODS = {"count", "index", "copy", "get", "keys", "values", "items", "issubset",
                   "issuperset", "isdisjoint", "union", "intersection", "difference",
                   "symmetric_difference"}
# Methods of builtin types that never mutate their receiver.
NON_MUTATING = READING_METHODS | STR_METHODS | {"fromkeys"}
