"""After an export: run the shop's command on the file (never through a shell) and/or
POST a signed notice to a URL. Failures are recorded; they never undo the export."""

from __future__ import annotations

import hashlib
import hmac
import subprocess
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

FILE_PLACEHOLDER = "{file}"
OUTPUT_LIMIT = 4000  # characters of hook output kept in the export run
SIGNATURE_HEADER = "X-Jeweltui-Signature"
TIMED_OUT = -1


@dataclass(frozen=True)
class HookResult:
    exit_status: int  # the command's status; -1 when it timed out or could not start
    output: str

    @property
    def ok(self) -> bool:
        return self.exit_status == 0


def hook_argv(args: list[str], path: Path) -> list[str]:
    """'{file}' in any argument becomes the path; with no placeholder the path goes last."""
    if any(FILE_PLACEHOLDER in a for a in args):
        return [a.replace(FILE_PLACEHOLDER, str(path)) for a in args]
    return [*args, str(path)]


def run_hook(args: list[str], path: Path, timeout_s: float) -> HookResult:
    argv = hook_argv(args, path)
    try:
        done = subprocess.run(
            argv,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout_s,
            check=False,
        )
    except subprocess.TimeoutExpired as expired:  # run() has killed it already
        partial = expired.stdout or ""
        if isinstance(partial, bytes):
            partial = partial.decode("utf-8", "replace")
        return HookResult(TIMED_OUT, f"timed out after {timeout_s:g} s\n{partial}"[:OUTPUT_LIMIT])
    except OSError as error:
        return HookResult(TIMED_OUT, f"could not start {argv[0]}: {error}"[:OUTPUT_LIMIT])
    return HookResult(done.returncode, (done.stdout + done.stderr)[-OUTPUT_LIMIT:])


def signature(body: bytes, secret: str) -> str:
    """'sha256=<hex>': HMAC-SHA256 of the exact body, as the receiver recomputes it."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


# http and https only, and no redirects: a webhook never reads a file:// URL or follows
# a 302 to the metadata service.
_WEB_ONLY = urllib.request.OpenerDirector()
for _handler in (
    urllib.request.HTTPHandler,
    urllib.request.HTTPSHandler,
    urllib.request.HTTPDefaultErrorHandler,
    urllib.request.HTTPErrorProcessor,
):
    _WEB_ONLY.add_handler(_handler())


def post_webhook(url: str, body: bytes, *, secret: str, content_type: str, timeout_s: float) -> str:
    """POST the body; returns the HTTP status as text, or why it was not delivered."""
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={"Content-Type": content_type, SIGNATURE_HEADER: signature(body, secret)},
    )
    try:
        with _WEB_ONLY.open(request, timeout=timeout_s) as response:
            return str(response.status)
    except urllib.error.HTTPError as error:
        return f"{error.code} {error.reason}"
    except (urllib.error.URLError, OSError) as error:
        return f"failed: {getattr(error, 'reason', error)}"
