"""The catalogue, in the order the "combined" rewrite applies it: rules that replace a whole
loop go before rules that tune what is left inside loops."""

from __future__ import annotations

from ..base import Rule
from . import containers, hoisting, loops, queues, sorting, strings

RULES: tuple[Rule, ...] = (
    strings.TRANSLATE,
    strings.CHAR_COUNT,
    sorting.RULE,
    queues.RULE,
    loops.DEDUPE,
    loops.COUNTER,
    loops.LISTCOMP,
    containers.CONCAT,
    containers.LIST_AS_SET,
    strings.JOIN,
    hoisting.SET_MEMBERSHIP,
    loops.INDEX_LOOP,
    hoisting.LEN_HOIST,
    hoisting.FOLD,
    hoisting.KEYS,
)

__all__ = ["RULES"]
