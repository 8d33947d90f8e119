"""Counting parenthesisations of a boolean rule expression.

An expression alternates operands and operators, e.g. ``"T|F&T^F"`` where
operands are 'T'/'F' and operators are '&', '|' and '^'.
"""
from typing import Dict, Tuple


def truth_counts(expression: str) -> Tuple[int, int]:
    """Return (ways_true, ways_false): over every full parenthesisation of
    ``expression``, how many evaluate to True and how many to False."""
    if not expression:
        raise ValueError("empty expression")
    operands = expression[0::2]
    operators = expression[1::2]
    memo: Dict[Tuple[int, int], Tuple[int, int]] = {}
    return _count_span(operands, operators, 0, len(operands) - 1, memo)


def _count_span(operands, operators, lo, hi, memo):
    if lo == hi:
        return (1, 0) if operands[lo] == "T" else (0, 1)
    key = (lo, hi)
    cached = memo.get(key)
    if cached is not None:
        return cached
    true_ways = 0
    false_ways = 0
    for split in range(lo, hi):
        t, f = _combine_at(operands, operators, lo, split, hi, memo)
        true_ways += t
        false_ways += f
    result = (true_ways, false_ways)
    memo[key] = result
    return result


def _combine_at(operands, operators, lo, split, hi, memo):
    """Counts for the groupings whose last applied operator is operators[split]."""
    lt, lf = _count_span(operands, operators, lo, split, memo)
    rt, rf = _count_span(operands, operators, split + 1, hi, memo)
    total = (lt + lf) * (rt + rf)
    op = operators[split]
    if op == "&":
        t = lt * rt
    elif op == "|":
        t = total - lf * rf
    elif op == "^":
        t = lt * rf + lf * rt
    else:
        raise ValueError(f"unknown operator {op!r}")
    return t, total - t
