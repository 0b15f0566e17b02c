"""Channel export settings: set, read, list. Changes are one transaction with a ledger row."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from jeweltui import clock
from jeweltui.channels.base import ExportSettings
from jeweltui.channels.registry import get_exporter
from jeweltui.channels.webhook_urls import check_webhook_url, redact_url
from jeweltui.db import write_transaction
from jeweltui.errors import InvalidInput, UnknownCode
from jeweltui.models import Staff, database_proxy
from jeweltui.models.exports import ChannelExport, ExportRun
from jeweltui.services import ledger
from jeweltui.services.locations import find_location

ROUNDINGS = ("cent", "whole", "x99")
CHANNEL_CODE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
RESERVED = {"runs"}  # `jeweltui export runs` lists runs, so no channel may be called that
SETTABLE = (
    "exporter",
    "output",
    "locations",
    "currency",
    "price_percent",
    "rounding",
    "url_base",
    "image_base",
    "brand",
    "hook",
    "hook_timeout_s",
    "webhook_url",
    "webhook_secret_env",
    "webhook_body",
    "webhook_private",
    "enabled",
)


def clean_channel_code(raw: str) -> str:
    code = (raw or "").strip().lower()
    if not CHANNEL_CODE.match(code) or code in RESERVED:
        raise InvalidInput(
            f"'{raw}' is not a usable channel code: lower-case letters, digits, - and _ "
            "(e.g. shopify), and not 'runs'.",
            field="channel",
        )
    return code


def _clean(changes: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    unknown = set(changes) - set(SETTABLE)
    if unknown:
        raise InvalidInput(f"Cannot set {', '.join(sorted(unknown))}.", field=sorted(unknown)[0])
    for name, value in changes.items():
        if name == "exporter":
            get_exporter(value)  # refuses an unknown name with the list of known ones
        elif name == "locations":
            codes = [c.strip() for c in (value or "").split(",") if c.strip()]
            value = ",".join(find_location(c).code for c in codes)
        elif name == "rounding" and value not in ROUNDINGS:
            raise InvalidInput(f"Rounding is one of {', '.join(ROUNDINGS)}.", field=name)
        elif name in ("price_percent", "hook_timeout_s") and int(value) <= 0:
            raise InvalidInput(f"{name.replace('_', ' ')} must be above 0.", field=name)
        elif name == "hook" and not isinstance(value, str):
            value = json.dumps(list(value)) if value else ""
        elif name == "webhook_body" and value not in ("summary", "file"):
            raise InvalidInput("The webhook body is 'summary' or 'file'.", field=name)
        elif name == "currency":
            value = str(value).strip().upper()
        out[name] = value
    return out


def set_channel_export(
    channel: str, changes: Mapping[str, Any], *, staff: Staff | None
) -> ChannelExport:
    """Create or change a channel's export settings (exporter and output needed at first)."""
    code = clean_channel_code(channel)
    values = _clean({k: v for k, v in changes.items() if v is not None})
    with write_transaction():
        current = ChannelExport.get_or_none(ChannelExport.channel == code)
        if current is None:
            if not values.get("exporter") or not values.get("output"):
                raise InvalidInput(
                    f"A new channel export needs --exporter and --output ({code}).",
                    field="exporter",
                )
            current = ChannelExport.create(channel=code, updated_at=clock.now(), **values)
            before: dict[str, Any] = {}
        else:
            before = {k: getattr(current, k) for k in values if getattr(current, k) != values[k]}
            for name in before:
                setattr(current, name, values[name])
            current.updated_at = clock.now()
            current.save()
        _check_webhook(current)
        ledger.record(
            "channel_export",
            staff=staff,
            reason="set",
            before=_without_secrets(before),
            after=_without_secrets({k: values[k] for k in (before or values)}),
            ref=("channel_export", current.id),
        )
    return current


def _check_webhook(config: ChannelExport) -> None:
    if config.webhook_url:
        check_webhook_url(config.webhook_url, allow_private=bool(config.webhook_private))


def _without_secrets(values: dict[str, Any]) -> dict[str, Any]:
    """What the ledger may keep: a webhook URL's tokens never go into it."""
    if values.get("webhook_url"):
        return {**values, "webhook_url": redact_url(values["webhook_url"])}
    return values


def channel_export(channel: str) -> ChannelExport:
    found = ChannelExport.get_or_none(ChannelExport.channel == (channel or "").strip().lower())
    if found is None:
        known = ", ".join(c.channel for c in channel_exports()) or "none yet"
        raise UnknownCode(
            f"No export is set up for channel '{channel}' (set up: {known}). "
            "Use 'jeweltui channel-export set'."
        )
    return found


def channel_exports() -> list[ChannelExport]:
    return list(ChannelExport.select().order_by(ChannelExport.channel))


def settings_for(config: ChannelExport) -> ExportSettings:
    return ExportSettings(
        currency=config.currency,
        price_percent=config.price_percent,
        rounding=config.rounding,
        url_base=config.url_base,
        image_base=config.image_base,
        brand=config.brand,
        locations=tuple(c for c in config.locations.split(",") if c),
    )


def hook_args(config: ChannelExport) -> list[str]:
    return json.loads(config.hook) if config.hook else []


def output_path(config: ChannelExport, moment: datetime | None = None) -> Path:
    """The file for this run: {date} is the local date; relative paths sit beside the DB."""
    name = config.output.format(
        date=clock.format_day(moment or clock.now()),
        channel=config.channel,
        exporter=config.exporter,
    )
    path = Path(name).expanduser()
    if not path.is_absolute():
        path = Path(database_proxy.obj.database).resolve().parent / path
    return path


def last_runs(channel: str | None = None, limit: int = 20) -> list[ExportRun]:
    query = ExportRun.select().order_by(ExportRun.id.desc()).limit(limit)
    if channel is not None:
        query = query.where(ExportRun.channel == channel)
    return list(query)


def last_run_words() -> str | None:
    """'webshop, Tue 24 Nov 22:00, 312 rows', or None when nothing was exported yet."""
    runs = last_runs(limit=1)
    if not runs:
        return None
    run = runs[0]
    parts = [run.channel or run.exporter, clock.format_local(run.finished_at or run.started_at)]
    parts.append(f"{run.rows} rows")
    if run.result != "ok":
        parts.append(run.result)
    return ", ".join(parts)


def last_good_run(channel: str) -> ExportRun | None:
    return (
        ExportRun.select()
        .where((ExportRun.channel == channel) & (ExportRun.result == "ok"))
        .order_by(ExportRun.id.desc())
        .first()
    )
