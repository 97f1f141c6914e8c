"""`ActionButton.url`: http(s) URLs validate and serialise exactly as they did as `HttpUrl`; an app
deep link round-trips as given; dangerous or meaningless schemes are refused at `url`. And
`SocialGoal.verify_label` is optional: a spec without it stores as before."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel, HttpUrl, ValidationError

from db.missions import spec_json
from domain.missions import ActionButton, MissionSpec, SocialGoal
from domain.spec_base import Name, Spec


class OldActionButton(Spec):
    """The action button as it was before deep links."""

    label: Name
    url: HttpUrl


HTTP_URLS = [
    "https://example.com",
    "HTTPS://Example.COM/Path?q=1#f",
    "http://example.com:80/a b",
    "https://例え.jp/ä",
    "  https://example.com/padded  ",
]


@pytest.mark.parametrize("url", HTTP_URLS)
def test_an_http_url_validates_and_serialises_as_before(url: str) -> None:
    old, new = OldActionButton(label="Go", url=url), ActionButton(label="Go", url=url)
    assert new.model_dump(mode="json") == old.model_dump(mode="json")
    assert new.model_dump() == old.model_dump()
    assert isinstance(new.url, HttpUrl)
    assert new.model_dump_json() == old.model_dump_json()
    # Read back from its stored JSON, it is the same value again.
    assert ActionButton.model_validate_json(new.model_dump_json()) == new


@pytest.mark.parametrize(
    "url", ["myapp://open/wallet", "my-app+x.v2:open?tab=1", "MyApp://Open/Wallet", "mailto:a@b.c"]
)
def test_a_deep_link_round_trips_as_given(url: str) -> None:
    button = ActionButton(label="Go", url=url)
    assert button.url == url
    assert button.model_dump(mode="json") == {"label": "Go", "url": url}
    assert ActionButton.model_validate_json(button.model_dump_json()) == button


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "vbscript:x",
        "data:text/html,x",
        "file:///etc/passwd",
        "blob:https://e.com/1",
        "about:blank",
        "filesystem:https://e.com/x",
        "view-source:https://e.com",
        "https-evil://e.com",
        "httpx://e.com",
        "http.s://e.com",
        "myapp:",
        "myapp://a b",
        "1app://x",
        "nope",
        "",
    ],
)
def test_a_refused_url_is_one_error_at_url(url: str) -> None:
    with pytest.raises(ValidationError) as info:
        ActionButton(label="Go", url=url)
    errors = info.value.errors()
    assert len(errors) == 1, errors
    assert errors[0]["loc"] == ("url",), errors


def test_the_old_bad_url_error_is_unchanged() -> None:
    with pytest.raises(ValidationError) as info:
        ActionButton(label="Go", url="nope")
    assert info.value.errors()[0]["type"] == "url_parsing"


def social_spec(**goal: Any) -> MissionSpec:
    return MissionSpec.model_validate(
        {
            "name": "Follow",
            "type": "generally_available",
            "goal": {"kind": "social", "platform": "x", "action": "follow", "target": "@b", **goal},
        }
    )


def test_a_social_goal_without_a_verify_label_stores_as_before() -> None:
    spec = social_spec()
    assert isinstance(spec.goal, SocialGoal) and spec.goal.verify_label is None
    assert spec_json(spec)["goal"] == {
        "kind": "social",
        "platform": "x",
        "action": "follow",
        "target": "@b",
        "count": 1,
    }
    assert MissionSpec.model_validate(spec_json(spec)) == spec


def test_a_verify_label_round_trips_and_is_at_most_40_characters() -> None:
    spec = social_spec(verify_label="Done! Check my profile!")
    assert MissionSpec.model_validate(spec_json(spec)) == spec
    assert spec_json(spec)["goal"]["verify_label"] == "Done! Check my profile!"
    social_spec(verify_label="x" * 40)
    for bad in ("x" * 41, "  ", ""):
        with pytest.raises(ValidationError):
            social_spec(verify_label=bad)


class _Holder(BaseModel):
    button: ActionButton


def test_the_json_schema_offers_both_forms() -> None:
    schema = _Holder.model_json_schema()["$defs"]["ActionButton"]["properties"]["url"]
    assert len(schema["anyOf"]) == 2
    assert "deep link" in schema["description"]
