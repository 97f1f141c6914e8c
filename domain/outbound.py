"""Which URLs Questline may call (missions' `callback_url`s, the broadcast webhook): a pure policy.

    target_problem(url, policy)      -> None, or why the URL may not be called (checked when it is saved)
    address_problem(address, policy) -> None, or why that address may not be connected to (checked on
                                        every address a name resolves to, right before connecting)

The strict policy (production) calls only `https` URLs whose host is a name or a public address.
It refuses loopback, private (RFC 1918, shared 100.64/10, IPv6 unique-local), link-local (cloud
metadata lives there), unspecified, multicast and reserved/documentation addresses, IPv4 and
IPv6 alike; an IPv6 address that embeds an IPv4 one (`::ffff:a.b.c.d`, 6to4, NAT64) is judged by
that IPv4 address. `allow_private` (dev and test stacks) also lets loopback and private addresses
through, over http too; link-local, multicast and the rest stay refused.

A host is read as IPv4 the way URL parsers and `inet_aton` read it, so the odd spellings of an
address are that address: `127.1`, `2130706433`, `0x7f.1`, `0177.0.0.1`, `127.0.0.1.` and its
fullwidth digits (which IDNA maps to ASCII) are all 127.0.0.1. A host that ends in a number but
is no address (`example.1`) is refused. Names are not resolved here: no I/O. The reasons are
short phrases, safe to store and show.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from domain.errors import Invalid

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

#: Networks `allow_private` opens (loopback is opened with them).
PRIVATE_NETWORKS: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = (
    ipaddress.ip_network("10.0.0.0/8"),
    ipaddress.ip_network("172.16.0.0/12"),
    ipaddress.ip_network("192.168.0.0/16"),
    ipaddress.ip_network("100.64.0.0/10"),
    ipaddress.ip_network("fc00::/7"),
)
#: A label URL parsers read as a number, which makes the host an IPv4 address (or invalid).
_NUMBER = re.compile(r"[0-9]+|0[xX][0-9a-fA-F]*")
_DOTS = str.maketrans({"\u3002": ".", "\uff61": ".", "\ufe12": "."})
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))


@dataclass(frozen=True)
class OutboundPolicy:
    """What outbound calls may target; the default is the strict (production) policy."""

    #: Also allow loopback and private-network addresses, and plain http (dev and test stacks).
    allow_private: bool = False


STRICT = OutboundPolicy()
PERMISSIVE = OutboundPolicy(allow_private=True)


def _ipv4_part(part: str) -> int | None:
    """One dot-separated part of an IPv4 host: decimal, `0x` hex or leading-zero octal; None if not a number."""
    if part.startswith(("0x", "0X")):
        digits, base = part[2:], 16
    elif len(part) > 1 and part.startswith("0"):
        digits, base = part[1:], 8
    else:
        digits, base = part, 10
    if digits == "":
        return 0 if base == 16 else None  # "0x" alone is 0, as URL parsers read it
    try:
        return int(digits, base) if digits.isalnum() and digits.isascii() else None
    except ValueError:
        return None


def _ipv4(host: str) -> ipaddress.IPv4Address | str | None:
    """The IPv4 address a host spells, a reason when it ends in a number but is none, None for a name."""
    parts = host.split(".")
    if len(parts) > 1 and parts[-1] == "":
        parts.pop()  # one trailing dot: `127.0.0.1.`
    if not _NUMBER.fullmatch(parts[-1]):
        return None  # a name (its last label is not a number)
    numbers = [_ipv4_part(p) for p in parts]
    if len(parts) > 4 or any(n is None for n in numbers):
        return "invalid IPv4 address"
    values = [n for n in numbers if n is not None]
    *head, last = values
    if any(n > 255 for n in head) or last >= 256 ** (5 - len(values)):
        return "invalid IPv4 address"
    value = last
    for i, n in enumerate(head):
        value += n << (8 * (3 - i))
    return ipaddress.IPv4Address(value)


def host_address(host: str) -> IPAddress | str | None:
    """The address a URL's host names literally (brackets optional for IPv6), None for a name,
    or a reason when it is neither (`example.1`)."""
    # As IDNA maps them (UTS 46): fullwidth digits and letters, and the ideographic full stops.
    host = unicodedata.normalize("NFKC", unquote(host)).translate(_DOTS).strip().lower()
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    if ":" in host:
        try:
            return ipaddress.IPv6Address(host.split("%", 1)[0])  # a zone id (`%eth0`) changes nothing
        except ValueError:
            return "invalid IPv6 address"
    return _ipv4(host) if host else "no host"


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one carries and routes to: mapped, 6to4 or NAT64."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if any(address in net for net in _NAT64):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def address_problem(address: IPAddress, policy: OutboundPolicy = STRICT) -> str | None:
    """None when the policy allows connecting to `address`, else a short reason (`loopback address`)."""
    if isinstance(address, ipaddress.IPv6Address) and (embedded := _embedded_ipv4(address)) is not None:
        address = embedded
    if address.is_unspecified:
        return "unspecified address"
    if address.is_loopback:
        return None if policy.allow_private else "loopback address"
    if address.is_link_local:
        return "link-local address"
    if address.is_multicast:
        return "multicast address"
    if any(address in net for net in PRIVATE_NETWORKS if net.version == address.version):
        return None if policy.allow_private else "private address"
    if address.is_reserved or not address.is_global:
        return "reserved address"
    return None


def target_problem(url: str, policy: OutboundPolicy = STRICT) -> str | None:
    """None when the policy allows calling `url` as written, else a short reason (`https required`).

    A host that is a name passes here; the addresses it resolves to are checked when it is called.
    """
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError:
        return "invalid URL"
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        return "not an http(s) URL"
    if scheme == "http" and not policy.allow_private:
        return "https required"
    if not host:
        return "no host"
    found = host_address(host)
    if found is None:
        return None
    if isinstance(found, str):
        return found
    return address_problem(found, policy)


def check_target(field: str, url: object, policy: OutboundPolicy = STRICT) -> None:
    """Raises `Invalid` (a 422 naming `field`) when the policy refuses the URL `url` (None: nothing to check)."""
    if url is None:
        return
    if (problem := target_problem(str(url), policy)) is None:
        return
    hint = "" if policy.allow_private else " (only https URLs on public addresses are called)"
    reason = f"not allowed: {problem}"
    raise Invalid(
        "validation_error",
        f"{field}: {reason}{hint}",
        [{"field": field, "reason": f"{reason}{hint}", "type": "url_not_allowed"}],
    )
