"""The three-strike rule as a pure function: warn, warn again, then propose a block."""

from __future__ import annotations

FIRST_WARNING = "first_warning"
SECOND_WARNING = "second_warning"
BLOCK = "block"


def consequence_of_strike(strike_number: int, *, warnings_before_block: int = 2) -> str:
    """What the ``strike_number``-th active strike (1-based) leads to under the policy."""
    if strike_number < 1:
        raise ValueError("strike numbers start at 1")
    if strike_number > warnings_before_block:
        return BLOCK
    return FIRST_WARNING if strike_number == 1 else SECOND_WARNING
