"""Peewee models: tables, schema version and migrations. No business rules live here."""

from .base import UTCDateTimeField, database_proxy
from .catalog import LOCATION_KINDS, STAFF_ROLES, Customer, Location, Staff, Vendor
from .stock import OWNERSHIPS, PIECE_STATUSES, Item, Piece, PieceCode, StockLevel, Stone, Style
from .trade import Hold, Movement, Sale, SaleLine, SchemaVersion, Sequence, Setting

__all__ = [
    "LOCATION_KINDS",
    "OWNERSHIPS",
    "PIECE_STATUSES",
    "STAFF_ROLES",
    "Customer",
    "Hold",
    "Item",
    "Location",
    "Movement",
    "Piece",
    "PieceCode",
    "Sale",
    "SaleLine",
    "SchemaVersion",
    "Sequence",
    "Setting",
    "Staff",
    "StockLevel",
    "Stone",
    "Style",
    "UTCDateTimeField",
    "Vendor",
    "database_proxy",
]
