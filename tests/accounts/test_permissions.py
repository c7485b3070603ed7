from __future__ import annotations

import pytest

from accounts.permissions import can


@pytest.mark.parametrize(
    ("role", "capability", "allowed"),
    [
        ("staff", "moderate", True),
        ("staff", "view_strikes", False),
        ("staff", "confirm_block", False),
        ("staff", "manage_code", False),
        ("lead", "view_strikes", True),
        ("lead", "confirm_block", True),
        ("lead", "manage_connections", False),
        ("admin", "manage_connections", True),
        ("admin", "manage_code", True),
        ("department", "view_inbox", False),
        ("department", "moderate", False),
        ("department", "answer_escalations", True),
        (None, "view_inbox", False),
        ("admin", "no_such_capability", False),
    ],
)
def test_role_matrix(role, capability, allowed):
    assert can(role, capability) is allowed
