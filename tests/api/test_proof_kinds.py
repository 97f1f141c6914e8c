"""The proof kinds of issue 17 on the real stack: `linkedin_post` (the URL of the user's LinkedIn
post, checked to be one) and `document` (an uploaded PDF, its bytes checked), through submission,
the review queue and approval."""

from __future__ import annotations

from typing import Any

from tests.api.helpers import create_mission, eventually, uid, view
from tests.conftest import Stack

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + b"0" * 200 + b"\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 200
POST = "https://www.linkedin.com/posts/jane-doe_launch-activity-7260000000000000000-AbCd"


async def _manual(stack: Stack, proof: list[str]) -> str:
    goal = {"kind": "manual", "proof": proof, "approval": {"mode": "manual"}}
    return await create_mission(stack, {"type": "generally_available", "goal": goal, "reward": {"points": 3}})


async def _submit(stack: Stack, user: str, mission: str, kind: str, value: Any) -> Any:
    return await stack.http.post(
        f"/v1/users/{user}/missions/{mission}/submissions",
        json={"proof": {"kind": kind, "value": value}},
        headers=stack.headers("client"),
    )


async def _upload(
    stack: Stack, user: str, mission: str, content: bytes, content_type: str, kind: str = "document"
) -> Any:
    return await stack.http.post(
        f"/v1/users/{user}/missions/{mission}/submissions",
        files={"kind": (None, kind), "file": ("brief.pdf", content, content_type)},
        headers=stack.headers("client"),
    )


def _error(r: Any) -> tuple[int, str, str]:
    err = r.json()["error"]
    return r.status_code, err["code"], err["details"][0]["field"]


async def test_a_linkedin_post_proof_is_submitted_reviewed_and_approved(stack: Stack) -> None:
    mission = await _manual(stack, ["linkedin_post"])
    user = uid()
    shown = await view(stack, user, mission)
    assert shown is not None and shown["goal"]["proof"] == ["linkedin_post"]
    r = await _submit(stack, user, mission, "linkedin_post", POST)
    assert r.status_code == 201, r.text
    sub = r.json()
    assert sub["status"] == "pending" and sub["proof"] == {"kind": "linkedin_post", "value": POST}
    queue = await stack.http.get(f"/v1/submissions?mission_id={mission}", headers=stack.headers("admin"))
    assert [s["proof"] for s in queue.json()["items"]] == [sub["proof"]]
    r = await stack.http.post(f"/v1/submissions/{sub['id']}/approve", headers=stack.headers("admin"))
    assert r.status_code == 200, r.text

    async def completed() -> bool:
        v = await view(stack, user, mission)
        return v is not None and v["status"] == "completed"

    await eventually(completed)


async def test_only_a_linkedin_post_url_is_a_linkedin_post_proof(stack: Stack) -> None:
    mission = await _manual(stack, ["linkedin_post"])
    feed = "https://www.linkedin.com/feed/update/urn:li:activity:7260000000000000000/"
    r = await _submit(stack, uid(), mission, "linkedin_post", feed)
    assert r.status_code == 201, r.text
    for bad, reason in (
        ("https://x.com/jane/status/1", "not a linkedin.com URL"),
        ("https://linkedin.com.evil.example/posts/jane_x", "not a linkedin.com URL"),
        ("http://www.linkedin.com/posts/jane_x", "https://"),
        ("https://www.linkedin.com/in/jane-doe", "not a LinkedIn post"),
        ("just some text", "https://"),
    ):
        r = await _submit(stack, uid(), mission, "linkedin_post", bad)
        assert _error(r) == (422, "invalid_proof", "proof.value"), (bad, r.text)
        assert reason in r.json()["error"]["details"][0]["reason"], (bad, r.text)
    # A mission that does not take the kind says which it takes.
    other = await _manual(stack, ["link"])
    r = await _submit(stack, uid(), other, "linkedin_post", POST)
    assert _error(r) == (422, "invalid_proof", "proof.kind")


async def test_a_pdf_document_is_uploaded_and_served_to_admins(stack: Stack) -> None:
    mission = await _manual(stack, ["document", "link"])
    user = uid()
    r = await _upload(stack, user, mission, PDF, "application/pdf")
    assert r.status_code == 201, r.text
    sub = r.json()
    assert sub["proof"]["kind"] == "document"
    assert sub["proof"]["upload"]["content_type"] == "application/pdf"
    assert sub["proof"]["upload"]["filename"] == "brief.pdf"
    served = await stack.http.get(sub["proof"]["value"], headers=stack.headers("admin"))
    assert served.status_code == 200 and served.content == PDF
    assert served.headers["content-type"] == "application/pdf"
    assert served.headers["x-content-type-options"] == "nosniff"


async def test_a_document_must_be_a_pdf_by_its_bytes_and_its_type(stack: Stack) -> None:
    mission = await _manual(stack, ["document"])
    # A PNG declared as a PDF: the bytes are not a PDF.
    r = await _upload(stack, uid(), mission, PNG, "application/pdf")
    assert _error(r) == (415, "unsupported_media_type", "file")
    # A PDF declared as something else: that type is not accepted for a document.
    r = await _upload(stack, uid(), mission, PDF, "text/plain")
    assert _error(r) == (415, "unsupported_media_type", "file")
    assert r.json()["error"]["details"][0]["allowed"] == ["application/pdf"]
    # A document is uploaded, never sent as a JSON value.
    r = await _submit(stack, uid(), mission, "document", "https://example.com/brief.pdf")
    assert r.status_code == 422 and r.json()["error"]["details"][0]["field"].startswith("proof.kind")
    # A mission that takes images only refuses a document.
    images = await _manual(stack, ["image"])
    r = await _upload(stack, uid(), images, PDF, "application/pdf")
    assert _error(r) == (422, "invalid_proof", "proof.kind")


async def test_missions_accept_the_new_kinds_in_their_spec(stack: Stack) -> None:
    r = await stack.http.post(
        "/v1/missions",
        json={
            "name": uid("m"),
            "type": "generally_available",
            "goal": {"kind": "manual", "proof": ["linkedin_post", "document", "text"]},
        },
        headers=stack.headers("admin"),
    )
    assert r.status_code == 201, r.text
    assert r.json()["goal"]["proof"] == ["linkedin_post", "document", "text"]
    r = await stack.http.post(
        "/v1/missions",
        json={"name": uid("m"), "type": "generally_available", "goal": {"kind": "manual", "proof": ["pdf"]}},
        headers=stack.headers("admin"),
    )
    assert r.status_code == 422
