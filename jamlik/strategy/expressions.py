"""A small, safe expression language for the socio-economic model's formulas.

A formula is parsed with Python's `ast` and only numbers, names, + - * / **, unary minus,
parentheses and calls of the functions in FUNCTIONS are allowed: no attribute access, no
subscripts, no comparisons, no other calls, nothing that could run code. Evaluation works
on NumPy arrays, so one pass computes every Monte Carlo draw.
"""

import ast
from collections.abc import Mapping
from typing import Any

FUNCTIONS = frozenset({"min", "max", "abs", "sqrt", "exp", "log"})
_BINARY = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow)
_UNARY = (ast.USub, ast.UAdd)


class ExpressionError(ValueError):
    """A formula outside the language."""


def parse(text: str) -> ast.Expression:
    """Parse and check a formula; raise ExpressionError for anything not allowed."""
    if not isinstance(text, str) or not text.strip():
        raise ExpressionError("a formula must be a non-empty text")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        raise ExpressionError(f"not a formula: {exc.msg}") from None
    _check(tree.body)
    return tree


def _check(node: ast.AST) -> None:
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, int | float):
            raise ExpressionError(f"only numbers are allowed, not {node.value!r}")
    elif isinstance(node, ast.Name):
        if node.id in FUNCTIONS:
            raise ExpressionError(f"{node.id} is a function: call it")
    elif isinstance(node, ast.BinOp):
        if not isinstance(node.op, _BINARY):
            raise ExpressionError(f"operator {type(node.op).__name__} is not allowed")
        _check(node.left)
        _check(node.right)
    elif isinstance(node, ast.UnaryOp):
        if not isinstance(node.op, _UNARY):
            raise ExpressionError(f"operator {type(node.op).__name__} is not allowed")
        _check(node.operand)
    elif isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
            raise ExpressionError(
                "only these functions may be called: " + ", ".join(sorted(FUNCTIONS))
            )
        if node.keywords or not node.args:
            raise ExpressionError(f"{node.func.id}() takes positional arguments only")
        if node.func.id not in ("min", "max") and len(node.args) != 1:
            raise ExpressionError(f"{node.func.id}() takes one argument")
        for arg in node.args:
            _check(arg)
    elif isinstance(node, ast.Attribute):
        raise ExpressionError("attribute access is not allowed")
    elif isinstance(node, ast.Subscript):
        raise ExpressionError("subscripts are not allowed")
    else:
        raise ExpressionError(f"{type(node).__name__} is not allowed in a formula")


def names(tree: ast.Expression) -> set[str]:
    """The names a checked formula refers to (its dependencies)."""
    return {
        node.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Name) and node.id not in FUNCTIONS
    }


def evaluate(tree: ast.Expression, values: Mapping[str, Any]) -> Any:
    """The value of a checked formula; `values` maps names to floats or NumPy arrays."""
    import numpy as np

    def ev(node: ast.AST) -> Any:
        if isinstance(node, ast.Constant):
            return float(node.value)
        if isinstance(node, ast.Name):
            return values[node.id]
        if isinstance(node, ast.UnaryOp):
            operand = ev(node.operand)
            return -operand if isinstance(node.op, ast.USub) else operand
        if isinstance(node, ast.BinOp):
            left, right = ev(node.left), ev(node.right)
            op = node.op
            if isinstance(op, ast.Add):
                return left + right
            if isinstance(op, ast.Sub):
                return left - right
            if isinstance(op, ast.Mult):
                return left * right
            if isinstance(op, ast.Div):
                return np.divide(left, right)
            return np.power(left, right)
        if isinstance(node, ast.Call):
            args = [ev(arg) for arg in node.args]
            name = node.func.id  # type: ignore[attr-defined]
            if name == "min":
                return np.minimum.reduce(np.broadcast_arrays(*args)) if len(args) > 1 else args[0]
            if name == "max":
                return np.maximum.reduce(np.broadcast_arrays(*args)) if len(args) > 1 else args[0]
            return {"abs": np.abs, "sqrt": np.sqrt, "exp": np.exp, "log": np.log}[name](args[0])
        raise ExpressionError(f"{type(node).__name__} is not allowed in a formula")

    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        return ev(tree.body)
