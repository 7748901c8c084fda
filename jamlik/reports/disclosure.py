"""Disclosure control for figures that leave the program."""

from typing import Any


def suppressed_label(threshold: int) -> str:
    return f"<{threshold}"


def suppress_small_counts(value: Any, threshold: int) -> Any:
    """Replace every count from 1 to threshold - 1 with "<threshold", recursively.

    Zero stays: an empty cell discloses nobody. Strings and other values pass through.
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return suppressed_label(threshold) if 0 < value < threshold else value
    if isinstance(value, dict):
        return {key: suppress_small_counts(item, threshold) for key, item in value.items()}
    if isinstance(value, list):
        return [suppress_small_counts(item, threshold) for item in value]
    return value
