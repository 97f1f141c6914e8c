"""An action button's URL (POST /v1/missions): http(s) as before, or an app deep link
(`myapp://open/wallet`); javascript:, data: and the other refused schemes are 422 naming
`action_button.url`. The user's view carries the URL as stored."""

from __future__ import annotations

import pytest

from tests.api.helpers import uid, view
from tests.conftest import Stack


def body(url: str) -> dict[str, object]:
    return {
        "name": uid("m"),
        "type": "generally_available",
        "goal": {"kind": "event", "event_type": uid("t"), "count": 1},
        "action_button": {"label": "Go", "url": url},
    }


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "blob:https://example.com/x",
        "about:blank",
        "httpx://example.com",
        "myapp:",
        "not a url",
    ],
)
async def test_a_refused_url_is_422_naming_action_button_url(stack: Stack, url: str) -> None:
    r = await stack.http.post("/v1/missions", json=body(url), headers=stack.headers("admin"))
    assert r.status_code == 422, r.text
    details = r.json()["error"]["details"]
    assert [d["field"] for d in details] == ["action_button.url"], details


async def test_a_deep_link_is_accepted_and_shown_as_given(stack: Stack) -> None:
    r = await stack.http.post("/v1/missions", json=body("myapp://x"), headers=stack.headers("admin"))
    assert r.status_code == 201, r.text
    mission = r.json()
    assert mission["action_button"] == {"label": "Go", "url": "myapp://x"}
    r = await stack.http.post(f"/v1/missions/{mission['id']}/activate", headers=stack.headers("admin"))
    assert r.status_code == 200, r.text
    shown = await view(stack, uid(), mission["id"])
    assert shown is not None
    assert shown["action_button"] == {"label": "Go", "url": "myapp://x"}
    r = await stack.http.patch(
        f"/v1/missions/{mission['id']}",
        json={"action_button": {"label": "Wallet", "url": "myapp://open/wallet?tab=1"}},
        headers=stack.headers("admin"),
    )
    assert r.status_code == 200, r.text
    assert r.json()["action_button"]["url"] == "myapp://open/wallet?tab=1"


async def test_an_http_url_is_normalised_as_before(stack: Stack) -> None:
    r = await stack.http.post("/v1/missions", json=body("HTTPS://Example.COM"), headers=stack.headers("admin"))
    assert r.status_code == 201, r.text
    assert r.json()["action_button"]["url"] == "https://example.com/"
