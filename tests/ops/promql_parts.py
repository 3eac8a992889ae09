"""Splits an alert expression into the parts that must return data, without their thresholds.

An alert expression such as `A > 1000 and B > 0` returns nothing while the condition is false, so running
it against a healthy system proves nothing about its metric names or labels. The live test evaluates each
operand of a top-level `and`/`or`/`unless` with its trailing comparison to a number removed (`A`, `B`),
and the argument of `absent(...)` (which is empty exactly when its argument has data). Every part must
then return at least one series. This is a lexical split, enough for the rules in deploy/prometheus/rules/:
it understands parentheses, braces, brackets and quoted strings, not the whole PromQL grammar.
"""

from __future__ import annotations

import re

SET_OPERATORS = ("and", "or", "unless")
TRAILING_COMPARISON = re.compile(r"\s*(==|!=|>=|<=|>|<)\s*(bool\s+)?[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$")
VECTOR_MATCHING = re.compile(r"^\s*(on|ignoring)\s*\([^)]*\)\s*")
ABSENT = re.compile(r"^absent(_over_time)?\s*\((.*)\)$", re.DOTALL)


def threshold_free_parts(expr: str) -> list[str]:
    """The sub-expressions of `expr` that must each return data when the metrics behind it exist."""
    parts: list[str] = []
    for operand in split_top_level(expr, SET_OPERATORS):
        operand = VECTOR_MATCHING.sub("", operand).strip()
        operand = unwrap(TRAILING_COMPARISON.sub("", operand).strip())
        absent = ABSENT.match(operand)
        if absent:
            parts.extend(threshold_free_parts(absent.group(2)))
        else:
            parts.append(operand)
    return parts


def split_top_level(expr: str, keywords: tuple[str, ...]) -> list[str]:
    """Split at the keywords where they stand outside any bracket or string."""
    pieces: list[str] = []
    depth = 0
    quote = ""
    start = 0
    index = 0
    while index < len(expr):
        char = expr[index]
        if quote:
            if char == "\\":
                index += 2
                continue
            if char == quote:
                quote = ""
        elif char in "\"'`":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif depth == 0 and (index == 0 or not _is_word(expr[index - 1])):
            for keyword in keywords:
                end = index + len(keyword)
                if expr.startswith(keyword, index) and (end == len(expr) or not _is_word(expr[end])):
                    pieces.append(expr[start:index].strip())
                    start = index = end
                    break
            else:
                index += 1
                continue
            continue
        index += 1
    pieces.append(expr[start:].strip())
    return [piece for piece in pieces if piece]


def unwrap(expr: str) -> str:
    """`(x)` -> `x` when the outer parentheses enclose the whole expression."""
    while expr.startswith("(") and expr.endswith(")") and _closing_paren(expr) == len(expr) - 1:
        expr = expr[1:-1].strip()
    return expr


def _closing_paren(expr: str) -> int:
    depth = 0
    for index, char in enumerate(expr):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index
    return -1


def _is_word(char: str) -> bool:
    return char.isalnum() or char in "_:"
