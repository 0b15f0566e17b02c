"""Staff badges: finding an active member, adding one, and the owner every shop starts with."""

from __future__ import annotations

from jeweltui import clock
from jeweltui.codes import normalise_code
from jeweltui.db import write_transaction
from jeweltui.errors import InvalidInput, UnknownCode
from jeweltui.models import (
    STAFF_ROLES,
    Staff,
)
from jeweltui.rights import rights_for
from jeweltui.services import ledger
from jeweltui.session import ActingStaff, ShopSession
from jeweltui.text import clean_line

DEFAULT_STAFF_CODE = "S-OWNER"


def find_staff(raw: str | None) -> Staff:
    code = normalise_code(raw or DEFAULT_STAFF_CODE)
    candidates = [code] if code.startswith("S-") else [code, f"S-{code}"]
    staff = Staff.get_or_none(Staff.code.in_(candidates) & Staff.active)
    if staff is None:
        raise UnknownCode(f"No active staff member with badge {code}.")
    return staff


OLD_ROLE_NAMES = {"staff": "sales", "clerk": "sales"}  # 'staff' was the sales role's first name


def _badge(code: str) -> str:
    badge = normalise_code(code)
    return badge if badge.startswith("S-") else f"S-{badge}"


def _clean_role(role: str) -> str:
    role = OLD_ROLE_NAMES.get(role.strip().lower(), role.strip().lower())
    if role not in STAFF_ROLES:
        raise InvalidInput(
            f"Unknown role '{role}'; one of: {', '.join(STAFF_ROLES)}.", field="role"
        )
    return role


def create_staff(code: str, name: str, role: str = "sales", *, staff: Staff | None) -> Staff:
    badge, role = _badge(code), _clean_role(role)
    name = clean_line(name)
    if not name:
        raise InvalidInput("A name is required.", field="name")
    with write_transaction():
        if Staff.select().where(Staff.code == badge).exists():
            raise InvalidInput(f"Staff badge {badge} exists already.", field="code")
        member = Staff.create(code=badge, name=name, role=role)
        ledger.record(
            "staff_add",
            staff=staff,
            after={"code": badge, "name": name, "role": role},
            ref=("staff", member.id),
        )
    return member


def ensure_owner() -> Staff:
    """A new shop starts with its owner's badge, S-OWNER, so every ledger row has a 'who'."""
    owner = Staff.get_or_none(Staff.code == "S-OWNER")
    return owner or create_staff("S-OWNER", "Owner", "owner", staff=None)


# --- Managing staff: the owner's work (Right.SETTINGS_STAFF) ------------------------------


def add_staff(
    code: str, name: str, role: str = "sales", pin: str | None = None, *, staff: Staff | None
) -> Staff:
    """A new member with their PIN, by someone who may change staff."""
    from jeweltui.permissions import Right, require
    from jeweltui.pins import hash_pin

    require(staff, Right.SETTINGS_STAFF)
    pin_hash = hash_pin(pin) if pin else ""
    with write_transaction():
        member = create_staff(code, name, role, staff=staff)
        if pin_hash:
            Staff.update(pin_hash=pin_hash).where(Staff.id == member.id).execute()
    return Staff.get_by_id(member.id)


def edit_staff(
    code: str,
    *,
    name: str | None = None,
    role: str | None = None,
    pin: str | None = None,
    active: bool | None = None,
    staff: Staff | None,
    reason: str = "",
) -> Staff:
    """Change a member's name, role, PIN or whether they may act; the ledger shows old → new."""
    from jeweltui.permissions import Right, require
    from jeweltui.pins import hash_pin

    require(staff, Right.SETTINGS_STAFF)
    changes: dict = {}
    if name is not None:
        changes["name"] = clean_line(name)
        if not changes["name"]:
            raise InvalidInput("A name is required.", field="name")
    if role is not None:
        changes["role"] = _clean_role(role)
    if active is not None:
        changes["active"] = bool(active)
    pin_hash = hash_pin(pin) if pin else None
    with write_transaction():
        member = Staff.get_or_none(Staff.code == _badge(code))
        if member is None:
            raise UnknownCode(f"No staff member with badge {_badge(code)}.")
        before = {k: getattr(member, k) for k in changes if getattr(member, k) != changes[k]}
        after = {k: changes[k] for k in before}
        _keep_an_owner(member, after)
        if pin_hash is not None:
            before["pin"], after["pin"] = "(old)", "(new)"  # never the PIN or its hash
        if not after:
            return member
        values = {k: v for k, v in after.items() if k != "pin"}
        if pin_hash is not None:
            values.update(pin_hash=pin_hash, failed_tries=0, locked_until=None)
        Staff.update(**values).where(Staff.id == member.id).execute()
        action = "staff_disable" if after.get("active") is False else "staff_edit"
        ledger.record(
            action, staff=staff, reason=reason, before=before, after=after, ref=("staff", member.id)
        )
    return Staff.get_by_id(member.id)


def _keep_an_owner(member: Staff, after: dict) -> None:
    """The shop never loses its last active owner: someone must be able to change staff."""
    leaves = after.get("active") is False or after.get("role", "owner") != "owner"
    if member.role == "owner" and leaves:
        owners = Staff.select().where((Staff.role == "owner") & Staff.active).count()
        if owners <= 1:
            raise InvalidInput(f"{member.code} is the shop's only owner; add another first.")


def staff_rows() -> list[dict]:
    return [
        {
            "badge": s.code,
            "name": s.name,
            "role": s.role,
            "active": "yes" if s.active else "no",
            "pin": "set" if s.pin_hash else "none",
            "locked": "yes" if s.locked_until is not None and s.locked_until > clock.now() else "",
        }
        for s in Staff.select().order_by(Staff.code)
    ]


def acting_staff(badge: str | None) -> ActingStaff:
    """The active staff member with this badge (None: the owner's), as the typed value the
    session carries, with their role's rights."""
    row = find_staff(badge)
    return ActingStaff(code=row.code, name=row.name, role=row.role, rights=rights_for(row.role))


def staff_row(session: ShopSession) -> Staff:
    """The acting person's row, for a service that records who did it; read in the calling
    thread (a worker's own connection). Refuses when nobody valid is acting, so no change
    is ever recorded without a person."""
    if session.staff is None:
        raise UnknownCode(session.staff_problem or "Nobody is signed in.")
    return find_staff(session.staff.code)
