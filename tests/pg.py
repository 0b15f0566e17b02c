"""A throwaway PostgreSQL server for the backend tests: initdb + pg_ctl on a Unix socket.

The cluster lives in a private temporary folder, listens on no TCP port, trusts local
connections, and is stopped and removed when the test session ends. PostgreSQL refuses
to run as root, so under root the cluster belongs to an unprivileged user (the Debian
package's `postgres`, else one made with useradd) and its commands run through runuser.

Where the server cannot be had (no binaries, no psycopg) the PostgreSQL tests skip with
the reason; under CI=true they fail instead, because CI must run them.
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from jeweltui.postgres import find_tool, is_server_url

SUPERUSER = "jeweltui"
UNPRIVILEGED = "postgres"  # Debian's package makes it; useradd otherwise


@dataclass
class Server:
    folder: Path
    runner: list[str]  # the prefix that runs a command as the cluster's owner
    _numbers = itertools.count(1)

    @property
    def socket_dir(self) -> Path:
        return self.folder / "socket"

    def url(self, database: str) -> str:
        return f"postgresql://{SUPERUSER}@/{database}?host={self.socket_dir}"

    def admin(self):
        import psycopg

        return psycopg.connect(
            dbname="postgres", user=SUPERUSER, host=str(self.socket_dir), autocommit=True
        )

    def fresh_database(self, prefix: str = "shop") -> str:
        """An empty database of its own for one test; its URL."""
        name = f"{prefix}_{os.getpid()}_{next(self._numbers)}"
        with self.admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        subprocess.run(
            [
                *self.runner,
                find_tool("pg_ctl"),
                "stop",
                "-D",
                str(self.folder / "data"),
                "-m",
                "immediate",
            ],
            capture_output=True,
            check=False,
        )
        shutil.rmtree(self.folder, ignore_errors=True)


# Parametrise a test over both backends through its db_path fixture.
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
both_backends = pytest.mark.parametrize("db_path", BACKENDS, indirect=True)


def run_sql(target, sql: str, params: tuple = ()) -> list[tuple]:
    """Run one statement on the shop outside jeweltui (a SQLite file or a server URL),
    committed; its rows. Placeholders are written `?` and adapted for psycopg."""
    if is_server_url(target):
        import psycopg

        with psycopg.connect(str(target)) as conn:
            cursor = conn.execute(sql.replace("?", "%s"), params)
            return cursor.fetchall() if cursor.description else []
    conn = sqlite3.connect(target)
    try:
        with conn:
            cursor = conn.execute(sql, params)
            return cursor.fetchall()
    finally:
        conn.close()


def sound(target) -> bool:
    """SQLite's integrity check on a file; a server checks its pages itself."""
    if is_server_url(target):
        return run_sql(target, "SELECT 1") == [(1,)]
    return run_sql(target, "PRAGMA integrity_check") == [("ok",)]


def unavailable_reason() -> str | None:
    """Why no PostgreSQL server can be started here (None when it can)."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install -e '.[postgres]')"
    for tool in ("initdb", "pg_ctl", "postgres"):
        if find_tool(tool) is None:
            return f"PostgreSQL's {tool} is not installed (apt-get install -y postgresql)"
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "running as root without runuser to start PostgreSQL as another user"
    return None


def _owner_prefix() -> list[str]:
    """How to run the server's commands: as ourselves, or as an unprivileged user under root."""
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam(UNPRIVILEGED)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", UNPRIVILEGED], check=True)
    return ["runuser", "-u", UNPRIVILEGED, "--"]


def start_server() -> Server:
    runner = _owner_prefix()
    folder = Path(tempfile.mkdtemp(prefix="jeweltui-pg-"))
    (folder / "socket").mkdir()
    if runner:
        user = pwd.getpwnam(UNPRIVILEGED)
        for path in (folder, folder / "socket"):
            os.chown(path, user.pw_uid, user.pw_gid)
    data = folder / "data"
    subprocess.run(
        [
            *runner,
            find_tool("initdb"),
            "-D",
            str(data),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C",
            "--no-sync",
        ],
        capture_output=True,
        check=True,
    )
    options = (
        f"-k {folder / 'socket'} -c listen_addresses='' -c fsync=off"
        " -c full_page_writes=off -c synchronous_commit=off -c max_connections=60"
    )
    started = subprocess.run(
        [
            *runner,
            find_tool("pg_ctl"),
            "start",
            "-D",
            str(data),
            "-w",
            "-t",
            "60",
            "-l",
            str(folder / "server.log"),
            "-o",
            options,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if started.returncode != 0:
        log = (folder / "server.log").read_text() if (folder / "server.log").exists() else ""
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(f"pg_ctl start failed: {started.stderr}{log}")
    return Server(folder=folder, runner=runner)


def require_server() -> None:
    """Skip (or under CI, fail) a PostgreSQL test where no server can be started."""
    reason = unavailable_reason()
    if reason is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must run the PostgreSQL tests, but {reason}")
    pytest.skip(f"no PostgreSQL server: {reason}")
