"""`jeweltui shop-day`: the time zone and closing time every date is read in."""

from __future__ import annotations

import click

from jeweltui.cli.context import Shop, emit_json, json_option, pass_shop


@click.command("shop-day")
@click.option(
    "--time-zone", default=None, help="An IANA zone, e.g. Europe/Rome; '' for this machine's."
)
@click.option(
    "--closing", "closing_time", default=None, help="Closing time, HH:MM (default 18:00)."
)
@json_option
@pass_shop
def shop_day(shop: Shop, time_zone: str | None, closing_time: str | None, as_json: bool) -> None:
    """Show or set the shop's time zone and closing time. A date typed alone (a hold's end,
    a job's promised date) means the closing time that day."""
    from jeweltui.services.shop_day import set_shop_day, shop_day_settings

    if time_zone is None and closing_time is None:
        shop.open()
        settings = shop_day_settings()
    else:
        settings = set_shop_day(time_zone=time_zone, closing_time=closing_time, staff=shop.staff())
    if as_json:
        emit_json(settings)
    else:
        click.echo(f"time zone {settings['time_zone']}, closing time {settings['closing_time']}")


COMMANDS = [shop_day]
