"""Channels: each configured export with its last run, "export now" and a diff preview."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Log, Static

from jeweltui import clock
from jeweltui.channels.config import channel_exports, last_runs
from jeweltui.channels.runner import run_channel
from jeweltui.screens.workers import JobDone, run_db

COLUMNS = ("Channel", "Exporter", "Output", "Last run", "Result", "Rows", "Hook")


def channel_rows() -> list[tuple[str, ...]]:
    rows = []
    for config in channel_exports():
        last = next(iter(last_runs(config.channel, 1)), None)
        rows.append(
            (
                config.channel,
                config.exporter,
                config.output,
                clock.format_local(last.started_at) if last else "never",
                last.result if last else "",
                str(last.rows) if last else "",
                "" if last is None or last.hook_exit is None else str(last.hook_exit),
            )
        )
    return rows


class ChannelsScreen(Screen):
    CSS_PATH = "channels.tcss"
    BINDINGS = [
        Binding("x", "export_now", "Export now"),
        Binding("d", "preview_diff", "Diff preview"),
        Binding("ctrl+r", "refresh", "Refresh"),
    ]

    @dataclass
    class Loaded(JobDone):
        rows: list[tuple[str, ...]]

    @dataclass
    class Exported(JobDone):
        words: str
        severity: str  # "" or "warning" when the export had problems

    @dataclass
    class Diffed(JobDone):
        lines: list[str]  # the summary first

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="channels", cursor_type="row", zebra_stripes=True)
        yield Log(id="diff", highlight=False)
        yield Static("", id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(*COLUMNS)
        self.action_refresh()

    def selected_channel(self) -> str | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def action_refresh(self) -> None:
        self.load_channels()

    def action_export_now(self) -> None:
        if channel := self.selected_channel():
            self.set_status(f"Exporting {channel}…")
            self.export_channel(channel)

    def action_preview_diff(self) -> None:
        if channel := self.selected_channel():
            self.set_status(f"Comparing {channel} with its last export…")
            self.preview_diff(channel)

    @on(DataTable.RowSelected, "#channels")
    def row_chosen(self) -> None:
        self.action_preview_diff()

    def load_channels(self) -> None:
        run_db(self, lambda: self.Loaded(channel_rows()), group="channels")

    def export_channel(self, channel: str) -> None:
        def job() -> ChannelsScreen.Exported:
            outcome = run_channel(channel)
            words = f"{channel}: wrote {outcome.rows} pieces to {outcome.path.name}"
            if outcome.problems:
                words += " — " + "; ".join(outcome.problems)
            return self.Exported(words, "warning" if outcome.problems else "")

        run_db(self, job, group="export")

    def preview_diff(self, channel: str) -> None:
        def job() -> ChannelsScreen.Diffed:
            diff = run_channel(channel, dry_run=True).diff
            return self.Diffed([f"{channel}: {diff.summary()}", *diff.lines()])

        run_db(self, job, group="export")

    @on(Exported)
    def exported(self, event: Exported) -> None:
        self.report(event.words, event.severity)
        self.load_channels()

    @on(Loaded)
    def show_channels(self, event: Loaded) -> None:
        rows = event.rows
        table = self.query_one(DataTable)
        table.clear()
        for row in rows:
            table.add_row(*row, key=row[0])
        if not rows:
            self.set_status("No channel exports yet: jeweltui channel-export set …")

    @on(Diffed)
    def show_diff(self, event: Diffed) -> None:
        lines = event.lines
        log = self.query_one("#diff", Log)
        log.clear()
        log.write_lines(lines)
        self.set_status(lines[0])

    def report(self, words: str, severity: str) -> None:
        self.set_status(words)
        if severity:
            self.notify(words, severity=severity)

    def set_status(self, words: str) -> None:
        self.query_one("#status", Static).update(words)
