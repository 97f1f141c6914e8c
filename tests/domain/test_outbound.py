"""The outbound URL policy (domain/outbound.py): every spelling of a local address is refused in production."""

from __future__ import annotations

import ipaddress

import pytest

from domain.errors import Invalid
from domain.outbound import PERMISSIVE, STRICT, address_problem, check_target, host_address, target_problem

LOOPBACK = [
    "https://127.0.0.1/hook",
    "https://127.1/hook",
    "https://127.0.1/hook",
    "https://2130706433/hook",
    "https://0x7f000001/hook",
    "https://0x7f.1/hook",
    "https://0X7F.0.0.1/hook",
    "https://0177.0.0.1/hook",
    "https://017700000001/hook",
    "https://127.0.0.1./hook",
    "https://127.255.255.254:8443/hook",
    "https://%31%32%37.0.0.1/hook",
    "https://\uff11\uff12\uff17\uff0e\uff10\uff0e\uff10\uff0e\uff11/hook",  # fullwidth
    "https://127\u30020\u30020\u30021/hook",  # ideographic full stops
    "https://[::1]/hook",
    "https://[0:0:0:0:0:0:0:1]/hook",
    "https://[::ffff:127.0.0.1]/hook",
    "https://[::ffff:7f00:1]/hook",
    "https://[2002:7f00:1::]/hook",  # 6to4 of 127.0.0.1
    "https://user:pass@127.1/hook",
]
PRIVATE = [
    "https://10.0.0.1/hook",
    "https://10.1/hook",
    "https://167772161/hook",
    "https://172.16.0.1/hook",
    "https://172.31.255.255/hook",
    "https://192.168.1.1/hook",
    "https://0xc0.0xa8.1.1/hook",
    "https://100.64.0.1/hook",
    "https://[fd00::1]/hook",
    "https://[fc00::1]/hook",
    "https://[::ffff:10.0.0.1]/hook",
    "https://[::ffff:192.168.0.1]/hook",
    "https://[64:ff9b::a00:1]/hook",  # NAT64 of 10.0.0.1
]
ALWAYS_REFUSED = [
    ("https://169.254.169.254/latest/meta-data", "link-local address"),
    ("https://2852039166/", "link-local address"),
    ("https://[fe80::1]/", "link-local address"),
    ("https://[fe80::1%25eth0]/", "link-local address"),
    ("https://[::ffff:169.254.169.254]/", "link-local address"),
    ("https://0.0.0.0/", "unspecified address"),
    ("https://0/", "unspecified address"),
    ("https://[::]/", "unspecified address"),
    ("https://224.0.0.1/", "multicast address"),
    ("https://[ff02::1]/", "multicast address"),
    ("https://240.0.0.1/", "reserved address"),
    ("https://255.255.255.255/", "reserved address"),
    ("https://192.0.2.10/", "reserved address"),
    ("https://0.1.2.3/", "reserved address"),
    ("https://[2001:db8::1]/", "reserved address"),
    ("https://256.0.0.1/", "invalid IPv4 address"),
    ("https://1.2.3.4.5/", "invalid IPv4 address"),
    ("https://1.2.3.08/", "invalid IPv4 address"),
    ("https://1.16777216/", "invalid IPv4 address"),
    ("https://example.1/", "invalid IPv4 address"),
    ("ftp://example.com/", "not an http(s) URL"),
    ("file:///etc/passwd", "not an http(s) URL"),
    ("gopher://example.com/", "not an http(s) URL"),
    ("https:///hook", "no host"),
    ("https://example.com:99999/", "invalid URL"),
    ("https://[::1/", "invalid URL"),
]
PUBLIC = [
    "https://example.com/hook",
    "https://hooks.example.com:8443/questline?x=1",
    "https://8.8.8.8/hook",
    "https://134744072/hook",  # 8.8.8.8
    "https://[2606:4700:4700::1111]/hook",
    "https://[::ffff:8.8.8.8]/hook",
    "https://1.16777215/hook",
    "https://localhost/hook",  # a name: its addresses are checked when it is called
]


@pytest.mark.parametrize("url", LOOPBACK)
def test_loopback_in_every_spelling_is_refused_in_production(url: str) -> None:
    assert target_problem(url, STRICT) == "loopback address"
    assert target_problem(url, PERMISSIVE) is None


@pytest.mark.parametrize("url", PRIVATE)
def test_private_networks_are_refused_in_production(url: str) -> None:
    assert target_problem(url, STRICT) == "private address"
    assert target_problem(url, PERMISSIVE) is None


@pytest.mark.parametrize(("url", "reason"), ALWAYS_REFUSED)
def test_link_local_unspecified_multicast_reserved_and_odd_urls_are_always_refused(url: str, reason: str) -> None:
    assert target_problem(url, STRICT) == reason
    assert target_problem(url, PERMISSIVE) == reason


@pytest.mark.parametrize("url", PUBLIC)
def test_https_to_public_hosts_is_allowed(url: str) -> None:
    assert target_problem(url, STRICT) is None


def test_production_requires_https_and_dev_allows_http() -> None:
    assert target_problem("http://example.com/hook", STRICT) == "https required"
    assert target_problem("HTTP://example.com/hook", STRICT) == "https required"
    assert target_problem("http://127.0.0.1:8080/hook", PERMISSIVE) is None
    assert target_problem("http://169.254.169.254/", PERMISSIVE) == "link-local address"


@pytest.mark.parametrize(
    ("host", "address"),
    [
        ("127.1", "127.0.0.1"),
        ("2130706433", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("0x7f.0.0.1", "127.0.0.1"),
        ("127.0.0.1.", "127.0.0.1"),
        ("10.1.2", "10.1.0.2"),
        ("0", "0.0.0.0"),
        ("0x", "0.0.0.0"),
        ("[::1]", "::1"),
        ("::ffff:127.0.0.1", "::ffff:7f00:1"),
    ],
)
def test_hosts_are_read_as_url_parsers_and_inet_aton_read_them(host: str, address: str) -> None:
    assert host_address(host) == ipaddress.ip_address(address)


@pytest.mark.parametrize("host", ["example.com", "localhost", "x.7f", "1x.com", "api.v2"])
def test_names_are_not_addresses(host: str) -> None:
    assert host_address(host) is None


@pytest.mark.parametrize(
    ("address", "strict", "permissive"),
    [
        ("127.0.0.1", "loopback address", None),
        ("::1", "loopback address", None),
        ("::ffff:7f00:1", "loopback address", None),
        ("10.0.0.1", "private address", None),
        ("169.254.169.254", "link-local address", "link-local address"),
        ("93.184.216.34", None, None),
        ("2606:4700:4700::1111", None, None),
    ],
)
def test_resolved_addresses_are_judged_alike(address: str, strict: str | None, permissive: str | None) -> None:
    ip = ipaddress.ip_address(address)
    assert (address_problem(ip, STRICT), address_problem(ip, PERMISSIVE)) == (strict, permissive)


def test_check_target_names_the_field_and_passes_none() -> None:
    check_target("callback_url", None, STRICT)
    check_target("callback_url", "https://example.com/hook", STRICT)
    with pytest.raises(Invalid) as raised:
        check_target("callback_url", "https://127.1/hook", STRICT)
    assert raised.value.code == "validation_error"
    assert raised.value.details[0]["field"] == "callback_url"
    assert "loopback address" in raised.value.details[0]["reason"]
