"""Magic links (issue 17) on the real stack: every mission's shareable link, its audience (`anyone`,
`registered`, `segment:<id>`; set in the spec or on the link), and the resolver answering the
mission for whoever may open it or 403/404 with the reason."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from temporalio.testing import WorkflowEnvironment

from tests.api.helpers import create_mission, uid
from tests.conftest import Stack, open_stack

GOAL = {"kind": "event", "event_type": "deposit", "count": 2}


async def _mission(stack: Stack, **spec: Any) -> str:
    return await create_mission(stack, {"type": "generally_available", "goal": GOAL, "reward": {"points": 5}, **spec})


async def _link(stack: Stack, mission: str) -> dict[str, Any]:
    r = await stack.http.get(f"/v1/missions/{mission}/link", headers=stack.headers("admin"))
    assert r.status_code == 200, r.text
    out: dict[str, Any] = r.json()
    return out


async def _user(stack: Stack, user: str | None = None) -> str:
    user = user or uid()
    r = await stack.http.put(f"/v1/users/{user}", json={"attributes": {}}, headers=stack.headers("client"))
    assert r.status_code == 200, r.text
    return user


async def _token(stack: Stack, user: str) -> dict[str, str]:
    r = await stack.http.post(f"/v1/users/{user}/token", headers=stack.headers("client"))
    assert r.status_code == 201, r.text
    return {"Authorization": f"Bearer {r.json()['token']}"}


def _error(r: Any) -> tuple[int, str]:
    return r.status_code, r.json()["error"]["code"]


async def test_every_mission_has_one_stable_link_whose_url_carries_the_token(stack: Stack) -> None:
    mission = await _mission(stack)
    first = await _link(stack, mission)
    again = await _link(stack, mission)
    assert first["token"] == again["token"] and len(first["token"]) >= 20
    assert first["audience"] == "registered" and first["audience_source"] == "default"
    url = urlsplit(first["url"])
    assert url.path == "/widget/link.html"
    assert parse_qs(url.query) == {"questline_link": [first["token"]]}
    other = await _link(stack, await _mission(stack))
    assert other["token"] != first["token"]
    # Admin only; an unknown mission is 404.
    r = await stack.http.get(f"/v1/missions/{mission}/link", headers=stack.headers("client"))
    assert r.status_code == 403
    r = await stack.http.get("/v1/missions/nope/link", headers=stack.headers("admin"))
    assert _error(r) == (404, "mission_not_found")


async def test_a_registered_link_opens_the_users_own_view_and_refuses_strangers(stack: Stack) -> None:
    mission = await _mission(stack)
    token = (await _link(stack, mission))["token"]
    user = await _user(stack)

    # A user token: the user's own view of the mission, to open in the widget.
    r = await stack.http.get(f"/v1/me/links/{token}", headers=await _token(stack, user))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["user_id"] == user and body["registered"] is True and body["signup_required"] is False
    assert body["view"]["mission_id"] == mission and body["view"]["progress"]["target"] == 2
    assert body["mission"]["name"] and body["mission"]["goal"]["kind"] == "event"
    assert body["mission"]["reward"]["points"] == 5
    assert "approval" not in str(body["mission"]) and "segments" not in body["mission"]
    # The client key names the user.
    r = await stack.http.get(f"/v1/links/{token}", params={"user_id": user}, headers=stack.headers("client"))
    assert r.status_code == 200 and r.json()["view"]["mission_id"] == mission

    # Someone Questline does not know, or nobody at all: 403 not_registered.
    stranger = uid()
    r = await stack.http.get(f"/v1/links/{token}", params={"user_id": stranger}, headers=stack.headers("client"))
    assert _error(r) == (403, "not_registered")
    assert r.json()["error"]["details"] == {"reason": "not_registered", "audience": "registered"}
    r = await stack.http.get(f"/v1/me/links/{token}", headers=await _token(stack, stranger))
    assert _error(r) == (403, "not_registered")
    r = await stack.http.get(f"/v1/links/{token}")
    assert _error(r) == (403, "not_registered")


async def test_an_anyone_link_shows_newcomers_the_card_and_asks_them_to_sign_up(stack: Stack) -> None:
    mission = await _mission(stack, audience="anyone", description="Deposit twice")
    link = await _link(stack, mission)
    assert (link["audience"], link["audience_source"]) == ("anyone", "spec")

    r = await stack.http.get(f"/v1/links/{link['token']}")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["user_id"] is None and body["registered"] is False and body["signup_required"] is True
    assert body["view"] is None
    assert body["mission"]["description"] == "Deposit twice"
    assert body["preview"]["tab"] == "available" and body["preview"]["progress"]["current"] == 0

    # A user token of someone not yet known: the card, and sign up to start.
    r = await stack.http.get(f"/v1/me/links/{link['token']}", headers=await _token(stack, uid()))
    assert r.status_code == 200 and r.json()["signup_required"] is True and r.json()["view"] is None
    # A known user gets their own view.
    user = await _user(stack)
    r = await stack.http.get(f"/v1/me/links/{link['token']}", headers=await _token(stack, user))
    assert r.json()["view"]["mission_id"] == mission and r.json()["signup_required"] is False


async def test_a_segment_link_opens_for_members_only_and_put_sets_the_audience(stack: Stack) -> None:
    mission = await _mission(stack)
    r = await stack.http.post("/v1/segments", json={"name": uid("vip")}, headers=stack.headers("admin"))
    assert r.status_code == 201, r.text
    segment = r.json()["id"]
    member, outsider = await _user(stack), await _user(stack)
    r = await stack.http.post(
        f"/v1/segments/{segment}/members",
        content=f"user_id\n{member}\n",
        headers={**stack.headers("admin"), "Content-Type": "text/csv"},
    )
    assert r.status_code == 200, r.text

    r = await stack.http.put(
        f"/v1/missions/{mission}/link", json={"audience": f"segment:{segment}"}, headers=stack.headers("admin")
    )
    assert r.status_code == 200, r.text
    link = r.json()
    assert (link["audience"], link["audience_source"]) == (f"segment:{segment}", "link")
    assert link["token"] == (await _link(stack, mission))["token"]

    r = await stack.http.get(f"/v1/me/links/{link['token']}", headers=await _token(stack, member))
    assert r.status_code == 200 and r.json()["view"]["mission_id"] == mission
    r = await stack.http.get(f"/v1/me/links/{link['token']}", headers=await _token(stack, outsider))
    assert _error(r) == (403, "not_in_segment")
    assert r.json()["error"]["details"] == {"reason": "not_in_segment", "audience": "segment"}
    r = await stack.http.get(f"/v1/links/{link['token']}")  # an anonymous visitor
    assert _error(r) == (403, "not_registered")
    r = await stack.http.get(f"/v1/me/links/{link['token']}")  # the user's route needs their token
    assert _error(r) == (401, "missing_credentials")
    r = await stack.http.get(f"/v1/users/{member}/links/{link['token']}", headers=stack.headers("client"))
    assert r.status_code == 200, r.text
    r = await stack.http.get(f"/v1/users/{outsider}/links/{link['token']}", headers=stack.headers("client"))
    assert _error(r) == (403, "not_in_segment")

    # null goes back to the spec's audience (here none: registered).
    r = await stack.http.put(f"/v1/missions/{mission}/link", json={"audience": None}, headers=stack.headers("admin"))
    assert (r.json()["audience"], r.json()["audience_source"]) == ("registered", "default")
    r = await stack.http.get(f"/v1/me/links/{link['token']}", headers=await _token(stack, outsider))
    assert r.status_code == 200


async def test_bad_audiences_and_unknown_segments_are_422_naming_audience(stack: Stack) -> None:
    mission = await _mission(stack)
    for audience in ("everyone", "segment:", 3):
        r = await stack.http.put(
            f"/v1/missions/{mission}/link", json={"audience": audience}, headers=stack.headers("admin")
        )
        assert r.status_code == 422, (audience, r.text)
        assert r.json()["error"]["details"][0]["field"] == "audience"
    r = await stack.http.put(
        f"/v1/missions/{mission}/link", json={"audience": "segment:nope"}, headers=stack.headers("admin")
    )
    assert _error(r) == (422, "segment_not_found")
    assert r.json()["error"]["details"][0]["field"] == "audience"
    # The spec's audience is validated with the mission.
    r = await stack.http.post(
        "/v1/missions",
        json={"name": uid("m"), "type": "generally_available", "goal": GOAL, "audience": "all"},
        headers=stack.headers("admin"),
    )
    assert r.status_code == 422 and r.json()["error"]["details"][0]["field"] == "audience"


async def test_unknown_links_and_missions_not_live_are_404_with_their_reason(stack: Stack) -> None:
    r = await stack.http.get("/v1/links/not-a-token")
    assert _error(r) == (404, "unknown_link")
    draft = await create_mission(
        stack, {"type": "generally_available", "goal": GOAL, "audience": "anyone"}, activate=False
    )
    token = (await _link(stack, draft))["token"]
    r = await stack.http.get(f"/v1/links/{token}")
    assert _error(r) == (404, "mission_unavailable")
    live = await _mission(stack, audience="anyone")
    token = (await _link(stack, live))["token"]
    assert (await stack.http.get(f"/v1/links/{token}")).status_code == 200
    r = await stack.http.post(f"/v1/missions/{live}/archive", headers=stack.headers("admin"))
    assert r.status_code == 200, r.text
    assert _error(await stack.http.get(f"/v1/links/{token}")) == (404, "mission_unavailable")


async def test_who_opens_a_link_is_never_taken_on_trust(stack: Stack) -> None:
    mission = await _mission(stack, audience="anyone")
    token = (await _link(stack, mission))["token"]
    user, other = await _user(stack), await _user(stack)
    # Naming a user needs the client key: without credentials, user_id is refused.
    r = await stack.http.get(f"/v1/links/{token}", params={"user_id": user})
    assert _error(r) == (401, "missing_credentials")
    # A user token names its own user only.
    r = await stack.http.get(f"/v1/links/{token}", params={"user_id": other}, headers=await _token(stack, user))
    assert _error(r) == (403, "forbidden")
    r = await stack.http.get(f"/v1/links/{token}", headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 401


async def test_a_known_user_the_mission_is_not_for_gets_the_card_without_a_view(stack: Stack) -> None:
    r = await stack.http.post("/v1/segments", json={"name": uid("vip")}, headers=stack.headers("admin"))
    segment = r.json()["id"]
    # The link opens for anyone, but the mission itself is for the segment's members only.
    mission = await _mission(stack, audience="anyone", segments=[segment])
    token = (await _link(stack, mission))["token"]
    user = await _user(stack)
    r = await stack.http.get(f"/v1/me/links/{token}", headers=await _token(stack, user))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["registered"] is True and body["signup_required"] is False
    assert body["view"] is None and body["mission"]["mission_id"] == mission


async def test_a_spec_audience_naming_an_unknown_segment_is_refused(stack: Stack) -> None:
    r = await stack.http.post(
        "/v1/missions",
        json={"name": uid("m"), "type": "generally_available", "goal": GOAL, "audience": "segment:nope"},
        headers=stack.headers("admin"),
    )
    assert _error(r) == (422, "segment_not_found")
    assert r.json()["error"]["details"][0]["field"] == "audience"
    r = await stack.http.post("/v1/segments", json={"name": uid("vip")}, headers=stack.headers("admin"))
    segment = r.json()["id"]
    mission = await _mission(stack, audience=f"segment:{segment}")
    link = await _link(stack, mission)
    assert (link["audience"], link["audience_source"]) == (f"segment:{segment}", "spec")


async def test_rotating_a_link_retires_the_old_token_and_keeps_the_audience(stack: Stack) -> None:
    mission = await _mission(stack)
    r = await stack.http.put(
        f"/v1/missions/{mission}/link", json={"audience": "anyone"}, headers=stack.headers("admin")
    )
    old = r.json()["token"]
    assert (await stack.http.get(f"/v1/links/{old}")).status_code == 200
    r = await stack.http.post(f"/v1/missions/{mission}/link/rotate", headers=stack.headers("admin"))
    assert r.status_code == 200, r.text
    new = r.json()
    assert new["token"] != old and new["token"] in new["url"] and new["audience"] == "anyone"
    assert _error(await stack.http.get(f"/v1/links/{old}")) == (404, "unknown_link")
    assert (await stack.http.get(f"/v1/links/{new['token']}")).status_code == 200
    assert (await _link(stack, mission))["token"] == new["token"]
    r = await stack.http.post(f"/v1/missions/{mission}/link/rotate", headers=stack.headers("client"))
    assert r.status_code == 403
    r = await stack.http.post("/v1/missions/nope/link/rotate", headers=stack.headers("admin"))
    assert _error(r) == (404, "mission_not_found")


SHOP = "https://shop.example"


@pytest.fixture(scope="module")
async def shop_stack(database_url: str, dev_env: WorkflowEnvironment) -> AsyncIterator[Stack]:
    """A stack whose widget https://shop.example embeds, with its own link page."""
    async with open_stack(
        database_url, dev_env, widget_origins=[SHOP], link_base_url="https://shop.example/app#/missions"
    ) as opened:
        yield opened


async def test_the_widget_s_door_is_shared_with_its_origins_and_links_point_at_the_configured_page(
    shop_stack: Stack,
) -> None:
    mission = await _mission(shop_stack, audience="anyone")
    link = await _link(shop_stack, mission)
    # The fragment of a single-page app stays last: the widget reads the query.
    assert link["url"] == f"https://shop.example/app?questline_link={link['token']}#/missions"
    # An anonymous visitor's widget calls the public resolver, shared with the widget's origins.
    r = await shop_stack.http.get(f"/v1/links/{link['token']}", headers={"Origin": SHOP})
    assert r.status_code == 200, r.text
    assert r.headers["access-control-allow-origin"] == SHOP
    pre = await shop_stack.http.options(
        f"/v1/me/links/{link['token']}",
        headers={
            "Origin": SHOP,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "authorization",
        },
    )
    assert pre.status_code == 200 and pre.headers["access-control-allow-origin"] == SHOP
    # The client's door is not shared with other origins.
    r = await shop_stack.http.get(
        f"/v1/users/{uid()}/links/{link['token']}", headers={"Origin": SHOP, **shop_stack.headers("client")}
    )
    assert r.status_code == 200 and "access-control-allow-origin" not in r.headers


@pytest.mark.parametrize("url", ["javascript:alert(1)", "shop.example/app", "https://shop example"])
def test_the_link_page_setting_is_an_http_url(url: str) -> None:
    from pydantic import ValidationError

    from settings import Settings

    with pytest.raises(ValidationError, match="link_base_url"):
        Settings(env="dev", link_base_url=url)
