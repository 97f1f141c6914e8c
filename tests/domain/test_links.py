"""Magic links' pure rules: who a link's audience admits, which audience is in force, and what a
LinkedIn post URL is."""

from __future__ import annotations

import pytest

from domain.links import Refusal, Visitor, admit, effective_audience, segment_of
from domain.media import IMAGE_TYPES, linkedin_post_problem, sniff

ANON = Visitor(user_id=None, registered=False, segments=frozenset())
STRANGER = Visitor(user_id="u1", registered=False, segments=frozenset())
USER = Visitor(user_id="u2", registered=True, segments=frozenset({"vip"}))


@pytest.mark.parametrize(
    ("audience", "visitor", "expected"),
    [
        ("anyone", ANON, None),
        ("anyone", STRANGER, None),
        ("registered", ANON, Refusal.NOT_REGISTERED),
        ("registered", STRANGER, Refusal.NOT_REGISTERED),
        ("registered", USER, None),
        ("segment:vip", USER, None),
        ("segment:gold", USER, Refusal.NOT_IN_SEGMENT),
        ("segment:vip", STRANGER, Refusal.NOT_REGISTERED),
    ],
)
def test_admit(audience: str, visitor: Visitor, expected: Refusal | None) -> None:
    assert admit(audience, visitor) == expected


def test_the_link_s_audience_wins_over_the_spec_s_then_the_default() -> None:
    assert effective_audience("anyone", "segment:vip") == ("anyone", "link")
    assert effective_audience(None, "segment:vip") == ("segment:vip", "spec")
    assert effective_audience(None, None) == ("registered", "default")
    assert segment_of("segment:a:b") == "a:b" and segment_of("anyone") is None


@pytest.mark.parametrize(
    "url",
    [
        "https://www.linkedin.com/posts/jane-doe_launch-activity-7260000000000000000-AbCd",
        "https://linkedin.com/feed/update/urn:li:activity:7260000000000000000/",
        "https://de.linkedin.com/posts/jane_x",
        "https://www.linkedin.com/pulse/my-article-jane-doe",
    ],
)
def test_linkedin_post_urls(url: str) -> None:
    assert linkedin_post_problem(url) is None


@pytest.mark.parametrize(
    "url",
    [
        "http://www.linkedin.com/posts/jane_x",
        "https://linkedin.com.evil.example/posts/jane_x",
        "https://evillinkedin.com/posts/jane_x",
        "https://www.linkedin.com/in/jane",
        "https://www.linkedin.com/posts/",
        "https://[::1/posts/x",
        "linkedin.com/posts/jane_x",
    ],
)
def test_not_linkedin_post_urls(url: str) -> None:
    assert linkedin_post_problem(url) is not None


def test_an_image_s_type_is_told_by_its_bytes() -> None:
    assert sniff(b"\x89PNG\r\n\x1a\n....", IMAGE_TYPES) == "image/png"
    assert sniff(b"GIF87a....", IMAGE_TYPES) == "image/gif"
    assert sniff(b"%PDF-1.7", IMAGE_TYPES) is None
    assert sniff(b"<svg/>", IMAGE_TYPES) is None
