"""Calling the URLs the outbound policy allows (callbacks, the broadcast webhook) without DNS rebinding.

    outbound = Outbound(http, settings.outbound_policy)
    async with outbound.stream("POST", url, content=body, headers=headers, within=10) as response:
        ...

Before each request the URL is checked (`domain.outbound.target_problem`), its host is resolved
once, every address it resolves to is checked (`address_problem`), and the request is sent to the
first of them: the URL's host becomes that address while the `Host` header and the TLS server
name (SNI, and so the certificate check) stay the name. A name that resolves to a public address
when checked and to 127.0.0.1 a moment later cannot reach the second: nothing resolves it again.
Redirects are never followed. Failures are exceptions:

    OutboundError            a request that was not sent; `reason` is a short phrase
     ├── TargetRefused       the policy refuses the URL or an address it resolves to
     └── LookupFailed        the name does not resolve (or not in time)

`describe` turns any failure of a call into a short reason fit to store and show ("HTTP 500" is
the caller's; "connect timeout", "connection refused", "refused: loopback address", ...).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import ssl
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx

from domain.outbound import IPAddress, OutboundPolicy, address_problem, host_address, target_problem

#: Resolves a host name and port to the addresses to connect to (the system resolver by default).
Resolver = Callable[[str, int], Awaitable[list[str]]]


class OutboundError(Exception):
    """A request that was not sent; `reason` is a short phrase, safe to store and show."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class TargetRefused(OutboundError):
    """The outbound policy refuses the URL, or an address its host resolves to."""


class LookupFailed(OutboundError):
    """The URL's host name does not resolve (or not within the timeout)."""


async def system_resolve(host: str, port: int) -> list[str]:
    """The addresses `getaddrinfo` gives for a TCP connection to `host:port`."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


@dataclass(frozen=True)
class Pinned:
    """A request's target after the checks: the URL on the checked address, and what keeps the name."""

    url: httpx.URL
    #: The `Host` header (the name, as the URL had it).
    headers: dict[str, str]
    #: The TLS server name (httpcore's `sni_hostname`), so SNI and the certificate check use the name.
    extensions: dict[str, Any]


class Outbound:
    """Requests on the process's httpx client to targets the policy allows, each pinned to a checked address."""

    def __init__(self, http: httpx.AsyncClient, policy: OutboundPolicy, *, resolve: Resolver = system_resolve) -> None:
        self.http = http
        self.policy = policy
        self._resolve = resolve

    async def pin(self, url: str, *, within: float) -> Pinned:
        """Checks `url`, resolves its host once (within `within` seconds) and checks every address;
        raises `OutboundError`."""
        if (problem := target_problem(url, self.policy)) is not None:
            raise TargetRefused(problem)
        try:
            parsed = httpx.URL(url)
        except httpx.InvalidURL:
            raise TargetRefused("invalid URL") from None
        name = parsed.raw_host.decode("ascii")
        port = parsed.port or (443 if parsed.scheme == "https" else 80)
        literal = host_address(name)
        if isinstance(literal, str):
            raise TargetRefused(literal)
        addresses = [literal] if literal is not None else await self._lookup(name, port, within)
        for address in addresses:
            if (problem := address_problem(address, self.policy)) is not None:
                raise TargetRefused(problem)
        extensions: dict[str, Any] = {"sni_hostname": name} if literal is None else {}
        return Pinned(
            url=parsed.copy_with(host=str(addresses[0])),
            headers={"Host": parsed.netloc.decode("ascii")},
            extensions=extensions,
        )

    async def _lookup(self, name: str, port: int, within: float) -> list[IPAddress]:
        try:
            async with asyncio.timeout(within):
                found = await self._resolve(name, port)
        except TimeoutError:
            raise LookupFailed("DNS timeout") from None
        except OSError:
            raise LookupFailed("DNS lookup failed") from None
        addresses = []
        for text in found:
            try:
                addresses.append(ipaddress.ip_address(text.split("%", 1)[0]))
            except ValueError:
                raise LookupFailed("DNS answer is not an address") from None
        if not addresses:
            raise LookupFailed("DNS lookup failed")
        return addresses

    @asynccontextmanager
    async def stream(
        self, method: str, url: str, *, content: bytes, headers: dict[str, str], within: float
    ) -> AsyncIterator[httpx.Response]:
        """Like `httpx.AsyncClient.stream` with `timeout=within`, to the pinned target (never following a redirect)."""
        target = await self.pin(url, within=within)
        async with self.http.stream(
            method,
            target.url,
            content=content,
            headers={**headers, **target.headers},
            extensions=target.extensions,
            timeout=within,
            follow_redirects=False,
        ) as response:
            yield response

    async def post(self, url: str, *, json: Any, within: float | httpx.Timeout) -> httpx.Response:
        """Like `httpx.AsyncClient.post` with a JSON body and `timeout=within`, to the pinned target
        (never following a redirect)."""
        seconds = within if isinstance(within, int | float) else (within.connect or 10.0)
        target = await self.pin(url, within=seconds)
        return await self.http.post(
            target.url,
            json=json,
            headers=target.headers,
            extensions=target.extensions,
            timeout=within,
            follow_redirects=False,
        )


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, kind):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def describe(exc: BaseException) -> str:
    """A short reason for a call that got no answer: never the receiver's words, never a traceback."""
    if isinstance(exc, TargetRefused):
        return f"refused: {exc.reason}"
    if isinstance(exc, OutboundError):
        return exc.reason
    if isinstance(exc, httpx.ConnectTimeout):
        return "connect timeout"
    if isinstance(exc, httpx.ReadTimeout):
        return "read timeout"
    if isinstance(exc, httpx.WriteTimeout):
        return "write timeout"
    if isinstance(exc, httpx.TimeoutException):
        return "timeout"
    if _caused_by(exc, ssl.SSLCertVerificationError):
        return "TLS certificate not valid for the host"
    if _caused_by(exc, ssl.SSLError):
        return "TLS error"
    if _caused_by(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, httpx.ConnectError):
        return "connect error"
    if isinstance(exc, httpx.RemoteProtocolError):
        return "protocol error"
    if isinstance(exc, httpx.InvalidURL):
        return "invalid URL"
    if isinstance(exc, httpx.TransportError):
        return "network error"
    return type(exc).__name__
