"""Channel export configuration and the log of export runs."""

from __future__ import annotations

from peewee import BooleanField, CharField, IntegerField, TextField

from .base import BaseModel, UTCDateTimeField


class ChannelExport(BaseModel):
    """How one channel's file is made, keyed by the channel code (e.g. 'shopify')."""

    channel = CharField(unique=True)
    exporter = CharField()  # a name in the jeweltui.exporters registry
    output = CharField()  # path pattern: {date} {channel}; relative = beside the database
    locations = TextField(default="")  # comma-separated location codes; '' = sellable ones
    currency = CharField(default="EUR")
    price_percent = IntegerField(default=100)  # 110 = retail + 10 % (channel fees)
    rounding = CharField(default="cent")  # cent | whole | x99
    url_base = CharField(default="")  # product link = url_base + handle
    image_base = CharField(default="")  # image URL = image_base + piece image path
    brand = CharField(default="")  # when a piece has no vendor
    hook = TextField(default="")  # JSON argument list; '{file}' becomes the file path
    hook_timeout_s = IntegerField(default=60)
    webhook_url = CharField(default="")
    webhook_secret_env = CharField(default="")  # the secret lives in this env var, not here
    webhook_body = CharField(default="summary")  # summary | file
    # Private, loopback and link-local addresses (the cloud metadata service, the shop's
    # own router) are refused unless the shop opts in for this channel.
    webhook_private = BooleanField(default=False)
    enabled = BooleanField(default=True)
    updated_at = UTCDateTimeField()


class ExportRun(BaseModel):
    """One export attempt: what was written, its hash, how long it took, how it ended."""

    channel = CharField(default="", index=True)  # '' for a one-off `export --format`
    exporter = CharField()
    started_at = UTCDateTimeField(index=True)
    finished_at = UTCDateTimeField(null=True)
    rows = IntegerField(default=0)
    available_rows = IntegerField(default=0)
    path = TextField(default="")
    sha256 = CharField(default="")
    duration_ms = IntegerField(default=0)
    result = CharField(default="running")  # running | ok | failed | interrupted
    error = TextField(default="")
    hook_exit = IntegerField(null=True)  # None: no hook; -1: timed out or could not start
    hook_output = TextField(default="")
    webhook_status = CharField(default="")
