"""Which URLs a webhook may go to, and how one is written down without its secrets.

Only http and https. An address inside the shop's network, the machine itself or a
link-local one (169.254.169.254 is the cloud metadata service) needs the channel's
explicit opt-in, checked again at send time against what the name resolves to.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from urllib.parse import urlsplit, urlunsplit

from jeweltui.errors import InvalidInput

SCHEMES = ("http", "https")
# A path part that looks like a token (Slack's T0/B0/xyz, a long hex or base64 key).
_TOKENISH = re.compile(r"^[A-Za-z0-9_\-]{16,}$")


def check_webhook_url(url: str, *, allow_private: bool) -> str:
    """The URL, when a webhook may be sent there; otherwise an InvalidInput saying why."""
    text = url.strip()
    try:
        parts = urlsplit(text)
        host = parts.hostname
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        host = None
    if parts.scheme.lower() not in SCHEMES or not host:
        raise InvalidInput(
            f"'{redact_url(text)}' is not a web address; a webhook URL starts with "
            "https:// (or http://) and names a host.",
            field="webhook_url",
        )
    if not allow_private:
        _refuse_private(host, resolve=False)
    return text


def check_destination(url: str, *, allow_private: bool) -> None:
    """At send time: what the host name resolves to now must be public too."""
    check_webhook_url(url, allow_private=allow_private)
    if not allow_private:
        _refuse_private(urlsplit(url).hostname or "", resolve=True)


def _refuse_private(host: str, *, resolve: bool) -> None:
    addresses = _addresses(host, resolve)
    for address in addresses:
        if not address.is_global:
            raise InvalidInput(
                f"The webhook host {host} is a private, loopback or link-local address "
                f"({address}); allow it with --webhook-private if it is really meant.",
                field="webhook_url",
            )


def _addresses(host: str, resolve: bool) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    if host.lower() == "localhost" or host.lower().endswith(".localhost"):
        return [ipaddress.ip_address("127.0.0.1")]
    if not resolve:
        return []
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return []  # the POST itself will report that the name does not resolve
    return [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]


def redact_url(url: str) -> str:
    """The URL as the ledger and messages may show it: no user, password, query or token."""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "(not a URL)"
    path = "/".join("***" if _TOKENISH.match(part) else part for part in parts.path.split("/"))
    query = "***" if parts.query else ""
    return urlunsplit((parts.scheme, host + port, path, query, ""))
