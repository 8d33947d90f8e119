"""The catalogue, in the order the "combined" rewrite applies it: attributes read in loops
become locals first (so the rules after it see plain names), then rules that replace a whole
loop, then rules that need precise types (before the deque rule brings in a call the type
inference knows less about), then small tunings of what is left inside loops."""

from __future__ import annotations

from ..base import Rule
from . import (
    builders,
    containers,
    grouping,
    hoisting,
    idioms,
    invariants,
    lookup,
    loops,
    membership,
    queues,
    recursion,
    selection,
    sorting,
    strings,
    while_loops,
)

RULES: tuple[Rule, ...] = (
    hoisting.ATTRIBUTE_HOIST,
    while_loops.WHILE_RANGE,
    strings.TRANSLATE,
    strings.CHAR_COUNT,
    sorting.RULE,
    selection.TOPK,
    selection.INSORT,
    selection.SORT_FIRST,
    loops.DEDUPE,
    membership.SHADOW_SET,
    loops.COUNTER,
    grouping.SETDEFAULT,
    loops.LISTCOMP,
    builders.BUILDERS,
    builders.TOTAL,
    builders.EXTREME,
    containers.CONCAT,
    containers.LIST_AS_SET,
    lookup.INDEX,
    hoisting.SET_MEMBERSHIP,
    hoisting.SEARCH_INDEX,
    loops.INDEX_LOOP,
    queues.RULE,
    strings.JOIN,
    hoisting.LEN_HOIST,
    invariants.CALL_HOIST,
    invariants.SEARCHED_HOIST,
    invariants.RE_HOIST,
    invariants.TABLE_HOIST,
    hoisting.FOLD,
    hoisting.KEYS,
    idioms.DEEPCOPY,
    idioms.LITERAL_SET,
    idioms.MAP_LAMBDA,
    idioms.ITEMS,
    idioms.JOIN_LIST,
    idioms.GET,
    idioms.KEYS_LOOP,
    idioms.SORTED_FIRST,
    idioms.AFFIXES,
    recursion.MEMO,
)

__all__ = ["RULES"]
