"""What each role may do: the one rights table (issue 19 replaces `rights_for` with sign-in
and a permission table; everything else asks `ActingStaff.can(right)`)."""

from __future__ import annotations

SEE_COST = "see_cost"  # cost prices, margins, vendor costs

ROLE_RIGHTS: dict[str, frozenset[str]] = {
    "owner": frozenset({SEE_COST}),
    "manager": frozenset({SEE_COST}),
    "sales": frozenset(),
}


def rights_for(role: str) -> frozenset[str]:
    """The rights a role carries; an unknown role carries none."""
    return ROLE_RIGHTS.get(role, frozenset())
