"""Running an export: deterministic bytes, written atomically, logged as an ExportRun.

The file is written to a temporary file in the same folder, fsynced, then renamed over
the old one: a run that fails or is killed half-way leaves the last good file as it was.
"""

from __future__ import annotations

import glob
import hashlib
import json
import logging
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from jeweltui import clock
from jeweltui.channels import config as channel_config
from jeweltui.channels.base import Exporter, ExportRow, ExportSettings
from jeweltui.channels.diff import ExportDiff, compare
from jeweltui.channels.feed import count_rows, feed_rows
from jeweltui.channels.hooks import HookResult, post_webhook, run_hook
from jeweltui.channels.registry import get_exporter
from jeweltui.channels.webhook_urls import check_destination
from jeweltui.db import write_transaction
from jeweltui.errors import InvalidInput, JewelError
from jeweltui.models.exports import ChannelExport, ExportRun

log = logging.getLogger(__name__)

Progress = Callable[[int], None]
PROGRESS_STEP = 1000
TEMP_SUFFIX = ".tmp"
INTERRUPTED = "stopped without finishing (the process was killed or crashed)"


class ExportFailed(JewelError):
    """The export stopped; the previous file is untouched and the run is logged as failed."""

    exit_code = 5


@dataclass
class ExportOutcome:
    path: Path
    rows: int = 0
    available_rows: int = 0
    sha256: str = ""
    duration_ms: int = 0
    run: ExportRun | None = None
    diff: ExportDiff | None = None
    hook: HookResult | None = None
    webhook_status: str = ""
    problems: list[str] = field(default_factory=list)  # hook/webhook trouble; file is fine


@dataclass
class _Counter:
    rows: int = 0
    available: int = 0


def _counted(rows: Iterable[ExportRow], counter: _Counter, progress: Progress | None):
    for row in rows:
        counter.rows += 1
        counter.available += row.qty > 0
        if progress and counter.rows % PROGRESS_STEP == 0:
            progress(PROGRESS_STEP)
        yield row
    if progress:
        progress(counter.rows % PROGRESS_STEP)


def temp_prefix(target: Path) -> str:
    """Temp files are hidden, end in .tmp and name their target: '.export-shop.csv-x1y2z3q4.tmp'."""
    return f".export-{target.name}-"


def temp_pattern(target: Path) -> str:
    """Exactly this target's temp files (mkstemp's 8 random characters), as a glob."""
    return glob.escape(temp_prefix(target)) + "?" * 8 + TEMP_SUFFIX


def clean_stale_temps(target: Path, started: float) -> list[Path]:
    """Remove temp files a killed earlier run of this same target left behind.

    Only this target's pattern (mkstemp's 8 random characters) and only files last written
    before this run started: a run writing right now keeps its file.
    """
    removed = []
    for stale in target.parent.glob(temp_pattern(target)):
        try:
            if stale.stat().st_mtime < started:
                stale.unlink()
                removed.append(stale)
        except FileNotFoundError:  # its own run finished or cleaned it meanwhile
            continue
    return removed


def live_temps(target: Path) -> list[Path]:
    """This target's temp files still there: after clean_stale_temps, runs writing now."""
    return list(target.parent.glob(temp_pattern(target)))


def close_interrupted_runs(run: ExportRun, target: Path) -> int:
    """Earlier runs of this file still 'running' were killed or crashed: say so.

    Called after the stale temp files are swept. When no temp file of this target is left,
    no other run is writing it, so every earlier run still 'running' is dead. When one is
    left, some run is writing right now and we cannot tell which: the marking waits.
    """
    if live_temps(target):
        return 0
    with write_transaction():
        return (
            ExportRun.update(result="interrupted", error=INTERRUPTED)
            .where(
                (ExportRun.path == str(target))
                & (ExportRun.result == "running")
                & (ExportRun.id < run.id)
            )
            .execute()
        )


class HashingWriter:
    """The text stream an exporter writes to: gathers text, and every megabyte or so encodes
    it, feeds the sha256 and writes it to the file; the hash is known without re-reading."""

    CHUNK = 1 << 20

    def __init__(self, raw) -> None:
        self.raw, self.digest = raw, hashlib.sha256()
        self.parts: list[str] = []
        self.size = 0

    def write(self, text: str) -> int:
        self.parts.append(text)
        self.size += len(text)
        if self.size >= self.CHUNK:
            self.flush()
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        data = "".join(self.parts).encode("utf-8")
        self.parts, self.size = [], 0
        self.digest.update(data)
        self.raw.write(data)
        self.raw.flush()

    def hexdigest(self) -> str:
        return self.digest.hexdigest()


def _write_temp(
    exporter: Exporter, rows: Iterator[ExportRow], folder: Path, target: Path, settings
) -> tuple[Path, str]:
    """The whole file in a fresh temp file, fsynced; returns it and its sha256."""
    fd, name = tempfile.mkstemp(dir=folder, prefix=temp_prefix(target), suffix=TEMP_SUFFIX)
    try:
        with open(fd, "wb") as raw:
            out = HashingWriter(raw)
            exporter.write(rows, out, settings)
            out.flush()
            os.fsync(raw.fileno())
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name), out.hexdigest()


def _publish(temp: Path, target: Path) -> None:
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(temp, 0o666 & ~umask)  # a feed is meant to be read by the uploader / web server
    os.replace(temp, target)
    folder = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(folder)  # the rename itself survives a power cut
    finally:
        os.close(folder)


def _finish(run: ExportRun | None, **values) -> None:
    if run is None:
        return
    with write_transaction():
        ExportRun.update(**values).where(ExportRun.id == run.id).execute()
    for name, value in values.items():
        setattr(run, name, value)


def export_file(
    exporter_name: str,
    output: str | os.PathLike,
    *,
    settings: ExportSettings | None = None,
    channel: str = "",
    dry_run: bool = False,
    with_diff: bool = False,
    previous: Path | None = None,
    progress: Progress | None = None,
) -> ExportOutcome:
    """Write one exporter's file. with_diff: compare with `previous` (none: all is added);
    dry_run: count and compare, but leave the target as it is and log nothing."""
    settings = settings or ExportSettings()
    exporter = get_exporter(exporter_name)
    target = Path(output).expanduser().resolve()
    outcome = ExportOutcome(path=target)
    started, tick, wall_start = clock.now(), time.perf_counter(), time.time()
    run = None
    if not dry_run:
        with write_transaction():
            run = ExportRun.create(
                channel=channel, exporter=exporter_name, started_at=started, path=str(target)
            )
    outcome.run, counter, temp = run, _Counter(), None
    try:
        # A channel's first night: its dated folder may not exist yet.
        target.parent.mkdir(parents=True, exist_ok=True)
        if not dry_run:
            clean_stale_temps(target, wall_start)
            close_interrupted_runs(run, target)
        rows = _counted(feed_rows(settings, channel or None, started), counter, progress)
        folder = Path(tempfile.gettempdir()) if dry_run else target.parent
        temp, outcome.sha256 = _write_temp(exporter, rows, folder, target, settings)
        if with_diff:
            found = previous is not None and previous.exists()
            old = exporter.listings(previous) if found else {}
            outcome.diff = compare(old, exporter.listings(temp), str(previous) if found else "")
        if dry_run:
            temp.unlink()
        else:
            _publish(temp, target)
    except BaseException as error:
        if temp is not None:
            temp.unlink(missing_ok=True)
        reason = str(error) or type(error).__name__
        log.error(
            "export %s to %s failed after %d pieces: %s",
            exporter_name,
            target,
            counter.rows,
            reason,
        )
        _finish(
            run,
            result="failed",
            error=reason,
            rows=counter.rows,
            finished_at=clock.now(),
            duration_ms=int((time.perf_counter() - tick) * 1000),
        )
        if isinstance(error, Exception) and not isinstance(error, ExportFailed):
            raise ExportFailed(
                f"The {exporter_name} export stopped after {counter.rows} pieces ({reason}); "
                f"{target.name} was left as it was."
            ) from error
        raise
    outcome.rows, outcome.available_rows = counter.rows, counter.available
    outcome.duration_ms = int((time.perf_counter() - tick) * 1000)
    _finish(
        run,
        result="ok",
        rows=outcome.rows,
        available_rows=outcome.available_rows,
        sha256=outcome.sha256,
        duration_ms=outcome.duration_ms,
        finished_at=clock.now(),
    )
    return outcome


def run_channel(
    channel: str,
    *,
    dry_run: bool = False,
    with_diff: bool = False,
    progress: Progress | None = None,
) -> ExportOutcome:
    """Export one configured channel, then its hook and webhook (not on a dry run)."""
    config = channel_config.channel_export(channel)
    last = channel_config.last_good_run(config.channel)
    outcome = export_file(
        config.exporter,
        channel_config.output_path(config),
        settings=channel_config.settings_for(config),
        channel=config.channel,
        dry_run=dry_run,
        with_diff=with_diff or dry_run,
        previous=Path(last.path) if last else None,
        progress=progress,
    )
    if not dry_run:
        _after_export(config, outcome)
    return outcome


def count_for(channel: str | None = None) -> int:
    """How many pieces an export will write: the total of the progress bar."""
    if channel:
        config = channel_config.channel_export(channel)
        return count_rows(channel_config.settings_for(config), config.channel)
    return count_rows(ExportSettings())


def _after_export(config: ChannelExport, outcome: ExportOutcome) -> None:
    args = channel_config.hook_args(config)
    if args:
        outcome.hook = run_hook(args, outcome.path, config.hook_timeout_s)
        _finish(outcome.run, hook_exit=outcome.hook.exit_status, hook_output=outcome.hook.output)
        if not outcome.hook.ok:
            log.warning(
                "channel %s: hook %s ended with %s",
                config.channel,
                args[0],
                outcome.hook.exit_status,
            )
            outcome.problems.append(
                f"the hook {args[0]} ended with status {outcome.hook.exit_status}: "
                f"{outcome.hook.output.strip()[:200]}"
            )
    if config.webhook_url:
        outcome.webhook_status = _send_webhook(config, outcome)
        _finish(outcome.run, webhook_status=outcome.webhook_status)
        if not outcome.webhook_status.startswith("2"):
            log.warning(
                "channel %s: webhook not delivered (%s)", config.channel, outcome.webhook_status
            )
            outcome.problems.append(f"the webhook was not delivered ({outcome.webhook_status})")


def webhook_summary(config: ChannelExport, outcome: ExportOutcome) -> bytes:
    return json.dumps(
        {
            "channel": config.channel,
            "exporter": config.exporter,
            "file": outcome.path.name,
            "rows": outcome.rows,
            "available": outcome.available_rows,
            "sha256": outcome.sha256,
            "result": "ok",
        },
        sort_keys=True,
    ).encode()


def _send_webhook(config: ChannelExport, outcome: ExportOutcome) -> str:
    secret = os.environ.get(config.webhook_secret_env or "", "")
    if not secret:
        return f"not sent: set the secret in ${config.webhook_secret_env or '(no variable named)'}"
    try:
        check_destination(config.webhook_url, allow_private=bool(config.webhook_private))
    except InvalidInput as refused:
        return f"not sent: {refused.message}"
    if config.webhook_body == "file":
        body, kind = outcome.path.read_bytes(), "text/plain; charset=utf-8"
    else:
        body, kind = webhook_summary(config, outcome), "application/json"
    return post_webhook(
        config.webhook_url,
        body,
        secret=secret,
        content_type=kind,
        timeout_s=config.hook_timeout_s,
    )
