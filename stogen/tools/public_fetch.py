"""Fetching an address from content without reaching the machine's own network (`stogen check --external`).

A link in regional content is untrusted: `http://127.0.0.1:8080/admin`, `http://169.254.169.254/` (a cloud's
metadata service) or a name that resolves to a private address would make the checker probe the network it
runs in. Every connection, including each redirect, goes to an address that was resolved and checked here,
so a name cannot resolve to a public address for the check and a private one for the connection.
"""

from __future__ import annotations

import http.client
import ipaddress
import os
import socket
import urllib.request
from typing import Any

# Hosts the checker may reach although they are not public, comma-separated (the tests' local server).
ALLOW_ENV = "STOGEN_CHECK_ALLOW_HOSTS"


class RefusedAddress(OSError):
    """The host resolves to an address that is not on the public internet."""


def public_address(host: str, port: int) -> str:
    """The first address of `host`, after checking every address it resolves to is a public one."""
    allowed = {h.strip() for h in os.environ.get(ALLOW_ENV, "").split(",") if h.strip()}
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    for info in infos:
        ip = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if host not in allowed and (not ip.is_global or ip.is_multicast):
            raise RefusedAddress(f"{host} is at {ip}, a loopback, private or link-local address")
    return str(infos[0][4][0])


class _HTTPConnection(http.client.HTTPConnection):
    def connect(self) -> None:
        address = public_address(self.host, self.port)
        self.sock = socket.create_connection((address, self.port), self.timeout)


class _HTTPSConnection(http.client.HTTPSConnection):
    def connect(self) -> None:
        address = public_address(self.host, self.port)
        sock = socket.create_connection((address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


class _HTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req: Any) -> Any:
        return self.do_open(_HTTPConnection, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req: Any) -> Any:
        return self.do_open(_HTTPSConnection, req, context=self._context)  # type: ignore[attr-defined]


class _WebOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects only to http(s): urllib would follow one to ftp://, whose connection this module cannot check."""

    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str) -> Any:
        if not newurl.lower().startswith(("http://", "https://")):
            raise RefusedAddress(f"a redirect to {newurl.split(':', 1)[0]}: is not followed")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def opener() -> urllib.request.OpenerDirector:
    """urllib with public-only connections; no proxy, which would resolve the name itself."""
    return urllib.request.build_opener(
        urllib.request.ProxyHandler({}), _HTTPHandler(), _HTTPSHandler(), _WebOnlyRedirects()
    )
