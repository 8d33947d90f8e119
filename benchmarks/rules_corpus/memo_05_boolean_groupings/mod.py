"""Counting parenthesisations of a boolean rule expression.

An expression alternates operands and operators, e.g. ``"T|F&T^F"`` where
operands are 'T'/'F' and operators are '&', '|' and '^'.
"""
from typing import Tuple


def truth_counts(expression: str) -> Tuple[int, int]:
    """Return (ways_true, ways_false): over every full parenthesisation of
    ``expression``, how many evaluate to True and how many to False."""
    if not expression:
        raise ValueError("empty expression")
    operands = expression[0::2]
    operators = expression[1::2]
    return _count_span(operands, operators, 0, len(operands) - 1)


def _count_span(operands: str, operators: str, lo: int, hi: int) -> Tuple[int, int]:
    if lo == hi:
        return (1, 0) if operands[lo] == "T" else (0, 1)
    true_ways = 0
    false_ways = 0
    for split in range(lo, hi):
        t, f = _combine_at(operands, operators, lo, split, hi)
        true_ways += t
        false_ways += f
    return true_ways, false_ways


def _combine_at(operands: str, operators: str, lo: int, split: int, hi: int) -> Tuple[int, int]:
    """Counts for the groupings whose last applied operator is operators[split]."""
    lt, lf = _count_span(operands, operators, lo, split)
    rt, rf = _count_span(operands, operators, split + 1, hi)
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
