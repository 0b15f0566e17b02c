"""What each role may do, as the session carries it: read from the one permission table
in jeweltui.permissions, so there is one place for rights."""

from __future__ import annotations

from jeweltui.permissions import RIGHTS, Right

SEE_COST = Right.SEE_COST  # cost prices, margins, vendor costs


def rights_for(role: str) -> frozenset[str]:
    """The rights a role carries; an unknown role carries none."""
    return RIGHTS.get(role, frozenset())
