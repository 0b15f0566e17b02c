"""Peewee models: tables, schema version and migrations. No business rules live here."""

from .base import UTCDateTimeField, backend, count_if, database_proxy, is_postgres
from .catalog import LOCATION_KINDS, STAFF_ROLES, Customer, Location, Staff, Store, Vendor
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
    "Store",
    "Stone",
    "Style",
    "UTCDateTimeField",
    "Vendor",
    "backend",
    "count_if",
    "database_proxy",
    "is_postgres",
]
