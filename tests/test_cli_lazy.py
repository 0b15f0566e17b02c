"""The lazy command table names every command the CLI modules offer, with their help."""

from __future__ import annotations

import importlib
import pkgutil

import click
from click.testing import CliRunner

import jeweltui.cli
from jeweltui.cli import COMMANDS, main


def offered_commands() -> dict[str, tuple[str, click.Command]]:
    """name -> (module, command) for every command a CLI module lists in its COMMANDS."""
    offered = {}
    for info in pkgutil.iter_modules(jeweltui.cli.__path__):
        module = importlib.import_module(f"jeweltui.cli.{info.name}")
        for command in getattr(module, "COMMANDS", ()):
            offered[command.name] = (module.__name__, command)
    return offered


def test_every_command_a_module_offers_is_in_the_table_and_runs_from_it():
    offered = offered_commands()
    assert sorted(COMMANDS) == sorted(offered), "update COMMANDS in jeweltui/cli/__init__.py"
    for name, (module, command) in offered.items():
        assert COMMANDS[name].import_path.startswith(module + ":")
        assert main.get_command(click.Context(main), name) is command


def test_the_listed_help_is_each_commands_own_first_sentence():
    for name, (_, command) in offered_commands().items():
        assert COMMANDS[name].short_help == command.get_short_help_str(limit=1000), name


def test_help_lists_every_command_and_an_unknown_one_is_refused():
    listing = CliRunner().invoke(main, ["--help"])
    assert listing.exit_code == 0
    for name in COMMANDS:
        assert f"\n  {name} " in listing.output
    unknown = CliRunner().invoke(main, ["pieces"])
    assert unknown.exit_code == 2
    assert "No such command 'pieces'" in unknown.output
