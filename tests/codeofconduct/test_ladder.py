from __future__ import annotations

import pytest

from codeofconduct.ladder import BLOCK, FIRST_WARNING, SECOND_WARNING, consequence_of_strike


@pytest.mark.parametrize(
    ("strike_number", "warnings_before_block", "expected"),
    [
        (1, 2, FIRST_WARNING),  # first infringement: a private warning citing the code
        (2, 2, SECOND_WARNING),  # second: a second warning
        (3, 2, BLOCK),  # third: the user is blocked
        (7, 2, BLOCK),
        (1, 1, FIRST_WARNING),  # a stricter organisation: block at the second
        (2, 1, BLOCK),
        (3, 3, SECOND_WARNING),
    ],
)
def test_the_three_strike_rule(strike_number, warnings_before_block, expected):
    assert consequence_of_strike(strike_number, warnings_before_block=warnings_before_block) == expected


def test_strikes_start_at_one():
    with pytest.raises(ValueError):
        consequence_of_strike(0)
