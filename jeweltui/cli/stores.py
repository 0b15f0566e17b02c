"""`jeweltui store …` and `jeweltui transfer …`: several stores on one stock book."""

from __future__ import annotations

import click

from jeweltui.cli.context import Shop, emit, json_option, pass_shop


@click.group()
def store() -> None:
    """The shop's stores: every location belongs to one."""


@store.command("add")
@click.argument("code")
@click.option("--name", required=True)
@pass_shop
def store_add(shop: Shop, code: str, name: str) -> None:
    """Add a store, e.g. jeweltui store add S-BRANCH --name "High Street"."""
    from jeweltui.services.stores import create_store

    made = create_store(code, name, staff=shop.staff())
    click.echo(f"{made.code}  {made.name}")


@store.command("list")
@json_option
@pass_shop
def store_list(shop: Shop, as_json: bool) -> None:
    """Every store with its locations and pieces in stock."""
    from jeweltui.services.stores import store_counts

    shop.open()
    emit(store_counts(), ["code", "name", "locations", "pieces"], as_json)


@click.group()
def transfer() -> None:
    """Send pieces to another store; receive them there by scanning the transfer paper."""


@transfer.command("send")
@click.argument("codes", nargs=-1, required=True)
@click.option("--to", "to_store", required=True, help="The receiving store, e.g. S-BRANCH.")
@click.option("--paper", "paper_dir", default="printouts", help="Folder for the transfer paper.")
@pass_shop
def transfer_send(shop: Shop, codes, to_store: str, paper_dir: str) -> None:
    """Send pieces (all or none) into the other store's in-transit location."""
    from jeweltui.services.stores import send_transfer
    from jeweltui.transfer_paper import write_transfer_paper

    sent = send_transfer(codes, to_store, staff=shop.staff())
    paper = write_transfer_paper(sent.transfer, paper_dir)
    click.echo(f"{sent.transfer.code}: {len(sent.pieces)} pieces in transit to "
               f"{sent.transfer.to_store.name}. Paper: {paper}")  # fmt: skip


@transfer.command("receive")
@click.argument("code")
@click.option("--location", "location_code", required=True, help="Where the pieces go.")
@pass_shop
def transfer_receive(shop: Shop, code: str, location_code: str) -> None:
    """Receive a transfer (scan its paper) into a location of this store."""
    from jeweltui.services.stores import receive_transfer

    got = receive_transfer(code, location_code, staff=shop.staff())
    click.echo(f"{got.transfer.code}: {len(got.pieces)} pieces received into {location_code}.")


@transfer.command("list")
@click.option("--store", "store_code", default="", help="Only transfers to or from this store.")
@json_option
@pass_shop
def transfer_list(shop: Shop, store_code: str, as_json: bool) -> None:
    """Transfers, newest first: where from, where to, in transit or received."""
    from jeweltui.services.stores import transfer_rows

    shop.open()
    emit(transfer_rows(store_code), ["code", "from", "to", "status", "pieces", "sent"], as_json)


COMMANDS = [store, transfer]
