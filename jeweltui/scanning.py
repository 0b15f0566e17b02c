"""What a scanned code names, and the move batch a scan station builds from scans.

Pure logic over the services: no Textual here, so the headless station (`jeweltui scan`)
and the TUI scan screen share every rule. A scan never raises to its caller: unknown,
ambiguous or malformed codes come back as results with a message a clerk understands.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jeweltui.codes import normalise_code
from jeweltui.errors import InvalidInput, JewelError, UnknownCode
from jeweltui.models import Location, Piece, PieceCode, Staff
from jeweltui.services.availability import (
    blocking_hold,
    describe_hold,
    describe_work_order,
    open_work_order,
)
from jeweltui.services.moves import MoveResult, move_pieces, why_not_movable
from jeweltui.services.workorders import find_work_order

PIECE, LOCATION, WORK_ORDER, STAFF, ERROR = "piece", "location", "work_order", "staff", "error"


@dataclass(frozen=True)
class ScanTarget:
    """One scan, understood: what kind of thing it names, or why it names nothing."""

    kind: str
    code: str
    obj: Any = None  # the Piece, Location, WorkOrder or Staff; None for an error
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.kind != ERROR

    def describe(self) -> str:
        if self.kind == PIECE:
            return f"{self.obj.stock_no}  {self.obj.title}"
        if self.kind == LOCATION:
            return f"{self.obj.code}  {self.obj.name}"
        if self.kind == STAFF:
            return f"{self.obj.code}  {self.obj.name}"
        if self.kind == WORK_ORDER:
            return f"{self.obj.code}  {self.obj.kind}, {self.obj.status.replace('_', ' ')}"
        return self.error


def _error(code: str, message: str) -> ScanTarget:
    return ScanTarget(ERROR, code, error=message)


def _pieces_named(code: str) -> list[Piece]:
    """Every piece the code could mean: by stock number and by an extra code."""
    found = list(Piece.select().where(Piece.stock_no == code))
    extra = PieceCode.get_or_none(PieceCode.code == code)
    if extra is not None and all(p.id != extra.piece_id for p in found):
        found.append(extra.piece)
    return found


def _classify_prefixed(code: str) -> ScanTarget | None:
    if code.startswith("L-"):
        location = Location.get_or_none(Location.code == code)
        return ScanTarget(LOCATION, code, location) if location else None
    if code.startswith("S-"):
        staff = Staff.get_or_none(Staff.code == code)
        if staff is not None and not staff.active:
            return _error(code, f"staff badge {code} ({staff.name}) is no longer active")
        return ScanTarget(STAFF, code, staff) if staff else None
    if code.startswith("WO-"):
        try:
            return ScanTarget(WORK_ORDER, code, find_work_order(code))
        except UnknownCode:
            return None
    return None


def classify(raw: str) -> ScanTarget:
    """'*r-000123*' -> the piece R-000123; 'L-SAFE' -> the safe; never raises for bad input."""
    try:
        code = normalise_code(raw)
    except JewelError as error:
        return _error(_shown(raw), error.message)
    named = _classify_prefixed(code)
    pieces = _pieces_named(code)
    if named is not None and named.ok:
        if pieces:
            kind = named.kind.replace("_", " ")
            return _error(code, f"ambiguous code {code}: a {kind} and piece {pieces[0].stock_no}")
        return named
    if len(pieces) > 1:
        both = " and ".join(p.stock_no for p in pieces)
        return _error(code, f"ambiguous code {code}: it names pieces {both}")
    if pieces:
        return ScanTarget(PIECE, code, pieces[0])
    return named or _error(code, f"unknown code {code}")


def _shown(raw: str) -> str:
    """A raw scan made safe to print: escaped and cut short."""
    text = raw[:40].encode("unicode_escape").decode("ascii")
    return text + ("…" if len(raw) > 40 else "")


@dataclass
class BatchRow:
    """A piece waiting in the batch, where it is now, and why its move may be odd."""

    piece: Piece
    code: str
    here: Location
    warnings: list[str] = field(default_factory=list)
    blocked: bool = False  # sold or retired: shown, but it will not move

    @property
    def stock_no(self) -> str:
        return self.piece.stock_no


@dataclass
class ScanResult:
    """What one scan did to the batch, for one line of output or one status update."""

    kind: str  # added | duplicate | location | staff | committed | nothing | error
    code: str
    message: str
    row: BatchRow | None = None
    moved: MoveResult | None = None

    @property
    def ok(self) -> bool:
        return self.kind != "error"


@dataclass
class CommitResult:
    moved: list[Piece]
    already_there: list[Piece]
    skipped: list[BatchRow]  # sold or retired rows, left where their story ended
    location: Location


class MoveBatch:
    """Move mode: a location then pieces, or pieces then a location; one commit for all."""

    def __init__(self, staff: Staff | None = None, reason: str = "move") -> None:
        self.staff = staff
        self.reason = reason
        self.location: Location | None = None
        self.rows: list[BatchRow] = []
        self._places: dict[int, Location] = {}  # a few locations, read once per batch
        self._by_piece: dict[int, BatchRow] = {}  # a piece scanned twice is one row

    def __len__(self) -> int:
        return len(self.rows)

    def add(self, raw: str) -> ScanResult:
        """Take one scan. Errors come back as results: the batch is never lost."""
        try:
            return self._take(classify(raw))
        except JewelError as error:  # a busy database while reading: say so, keep the batch
            return ScanResult("error", _shown(raw), error.message)

    scan = add

    def _take(self, target: ScanTarget) -> ScanResult:
        if not target.ok:
            return ScanResult("error", target.code, target.error)
        if target.kind == PIECE:
            return self._add_piece(target)
        if target.kind == LOCATION:
            return self._scan_location(target.obj)
        if target.kind == STAFF:
            self.staff = target.obj
            return ScanResult("staff", target.code, f"{target.obj.name} is moving these pieces")
        return ScanResult(
            "error", target.code, f"{target.code} is a work order: scan a location or a piece"
        )

    def _add_piece(self, target: ScanTarget) -> ScanResult:
        piece = target.obj
        for row in self.rows:
            if row.piece.id == piece.id:
                return ScanResult(
                    "duplicate", target.code, f"{piece.stock_no} already scanned", row
                )
        row = BatchRow(piece=piece, code=target.code, here=piece.location)
        self._judge(row)
        self.rows.append(row)
        return ScanResult("added", target.code, self.describe_row(row), row)

    def _place(self, piece: Piece) -> Location:
        if piece.location_id not in self._places:
            self._places[piece.location_id] = piece.location
        return self._places[piece.location_id]

    def _judge(self, row: BatchRow) -> None:
        """The warnings a clerk should see before the batch is committed."""
        piece, warnings = row.piece, []
        problem = why_not_movable(piece)
        row.blocked = problem is not None
        if problem:
            warnings.append("sold: will not move" if piece.status == "sold" else "retired")
        else:
            hold = blocking_hold(piece)
            if hold is not None:
                warnings.append(describe_hold(hold))
            warnings.extend(_work_order_warning(piece))
            if row.here.kind == "bench":
                warnings.append(f"at the bench ({row.here.name})")
            if self.location is not None and row.here.id == self.location.id:
                warnings.append("already there")
        row.warnings = warnings

    def _scan_location(self, location: Location) -> ScanResult:
        if self.location is not None and self.location.id == location.id:
            return self._commit_result(location.code)
        previous, self.location = self.location, location
        for row in self.rows:
            self._judge(row)
        if previous is not None and self.rows:
            words = f"destination changed from {previous.name} to {location.name}"
        else:
            words = f"destination {location.name}"
        words += f"; scan {location.code} again or press Done to move"
        return ScanResult("location", location.code, f"{location.code}  {words}")

    def _commit_result(self, code: str) -> ScanResult:
        if not self.rows:
            return ScanResult("nothing", code, "nothing scanned to move yet")
        try:
            done = self.commit()
        except JewelError as error:
            return ScanResult("error", code, f"nothing moved: {error.message}")
        return ScanResult("committed", code, commit_words(done))

    def describe_row(self, row: BatchRow) -> str:
        to = self.location.name if self.location else "(pending)"
        text = f"{row.stock_no}  {row.piece.title}  {row.here.name} → {to}"
        return text + "".join(f"  ! {w}" for w in row.warnings)

    def remove(self, stock_no: str) -> bool:
        """Take a mistaken scan out again; the piece stays where it is."""
        kept = [row for row in self.rows if row.stock_no != stock_no]
        removed = len(kept) != len(self.rows)
        self._set_rows(kept)
        return removed

    def _set_rows(self, rows: list[BatchRow]) -> None:
        self.rows = rows
        self._by_piece = {row.piece.id: row for row in rows}

    def abandon(self) -> int:
        dropped = len(self.rows)
        self._set_rows([])
        self.location = None
        return dropped

    def commit(self, staff: Staff | None = None, reason: str | None = None) -> CommitResult:
        """Move every movable row in one transaction; on failure keep the batch to fix."""
        if self.location is None:
            raise InvalidInput(
                "Scan a location first: where should these pieces go?", field="location"
            )
        movable = [row for row in self.rows if not row.blocked]
        skipped = [row for row in self.rows if row.blocked]
        moved: MoveResult | None = None
        if movable:
            try:
                moved = move_pieces(
                    [row.stock_no for row in movable],
                    self.location.code,
                    staff=staff or self.staff,
                    reason=reason or self.reason,
                )
            except JewelError:
                self.refresh()  # show what changed since the scan (sold meanwhile)
                raise
        result = CommitResult(
            moved=moved.moved if moved else [],
            already_there=moved.already_there if moved else [],
            skipped=skipped,
            location=self.location,
        )
        self._set_rows([])
        self.location = None
        return result

    def refresh(self) -> None:
        """Re-read every row's piece: another till may have sold one meanwhile."""
        for row in self.rows:
            row.piece = Piece.get_by_id(row.piece.id)
            row.here = row.piece.location
            self._judge(row)


def _work_order_warning(piece: Piece) -> list[str]:
    job = open_work_order(piece)
    return [describe_work_order(job)] if job is not None else []


def commit_words(done: CommitResult) -> str:
    text = f"{done.location.code}  moved {len(done.moved)} to {done.location.name}"
    if done.already_there:
        text += f", {len(done.already_there)} already there"
    if done.skipped:
        text += f", {len(done.skipped)} not moved (sold or retired)"
    return text
