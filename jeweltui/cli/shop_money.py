"""`jeweltui shop-money`: the locale and currency prices are read and shown in."""

from __future__ import annotations

import click

from jeweltui.cli.context import Shop, pass_shop


@click.command("shop-money")
@click.option("--locale", default=None, help="How numbers read: en_IE, de_DE, en_US, …")
@click.option("--currency", default=None, help="ISO code: EUR, USD, GBP, CHF, …")
@pass_shop
def shop_money_command(shop: Shop, locale: str | None, currency: str | None) -> None:
    """Show or set how prices are read and shown: jeweltui shop-money --locale de_DE"""
    from jeweltui.money import format_money, shop_money
    from jeweltui.services.shop_money import set_shop_money

    staff = shop.staff()
    current = set_shop_money(locale, currency, staff=staff) if locale or currency else shop_money()
    click.echo(f"Locale {current.locale}, currency {current.currency}: {format_money(129900)}")


COMMANDS = [shop_money_command]
