"""Notifications to users: the events, their templates, the channels that carry them, and rendering.

    template = TemplateIn(subject="Well done, {{userId}}", text="You completed {{missionName}}.")
    message = render_message(template, {"userId": "u-1", "missionName": "<b>Yoga</b>"})
    message.text  # 'You completed <b>Yoga</b>.'          (plain text: values as they are)
    message.html  # '<p>You completed &lt;b&gt;Yoga...'   (HTML: every value escaped)

A template is `{{placeholder}}` substitution and nothing more (no logic, no attribute access), so an
operator cannot write a template that runs code or reads what it should not. The placeholders are
a fixed list (`PLACEHOLDERS`); a template naming any other is refused when it is saved, naming the
field. Values are escaped for where they land: HTML-escaped in an email's HTML part, Slack's three
control characters (`&`, `<`, `>`) escaped in a Slack message, line breaks removed from a subject
(a header). Pure: no clock, no I/O.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated, Literal, get_args

from pydantic import Field, field_validator, model_validator

from domain.errors import FieldInvalid
from domain.spec_base import Name, Spec

Event = Literal["mission_created", "mission_declined", "mission_completed", "send_update"]
EVENTS: tuple[Event, ...] = get_args(Event)
ChannelKind = Literal["webhook", "email", "slack"]
DeliveryStatus = Literal["pending", "delivered", "failed", "skipped"]

#: What a template may name, and what each is.
PLACEHOLDERS: dict[str, str] = {
    "userId": "the user's id",
    "missionId": "the mission's id",
    "missionName": "the mission's name",
    "missionDescription": "the mission's description (empty when it has none)",
    "customText": "the admin's words: a decline's feedback, a Send Update's text (empty otherwise)",
    "points": "the points the completion paid (empty when none)",
    "event": "the notification's event (`mission_completed`...)",
}

_PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
_SLACK = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
#: Longest subject and body a template may have.
MAX_SUBJECT = 500
MAX_BODY = 20_000

Escape = Literal["none", "html", "slack", "header"]


def placeholders(text: str) -> list[str]:
    """The placeholders `text` names, in order (repeats included)."""
    return _PLACEHOLDER.findall(text)


def template_problem(text: str) -> str | None:
    """Why `text` cannot be a template (an unknown or malformed placeholder), or None."""
    unknown = sorted({name for name in placeholders(text) if name not in PLACEHOLDERS})
    if unknown:
        names = ", ".join("{{" + n + "}}" for n in unknown)
        return f"unknown placeholder {names}; known: {', '.join(PLACEHOLDERS)}"
    rest = _PLACEHOLDER.sub("", text)
    if "{{" in rest or "}}" in rest:
        return "malformed placeholder: write {{name}} with one of " + ", ".join(PLACEHOLDERS)
    return None


def _escape(value: str, escape: Escape) -> str:
    if escape == "html":
        return html.escape(value, quote=True)
    if escape == "slack":
        return value.translate(_SLACK)
    if escape == "header":
        return " ".join(value.split())
    return value


def render(text: str, values: Mapping[str, object], escape: Escape = "none") -> str:
    """`text` with each placeholder replaced by its value, escaped by `escape` (a missing value is empty).

    Only values are escaped: the template's own text is the operator's, written for its channel.
    """

    def one(match: re.Match[str]) -> str:
        value = values.get(match.group(1))
        return _escape("" if value is None else str(value), escape)

    return _PLACEHOLDER.sub(one, text)


class TemplateIn(Spec):
    """A template of one event: a subject and a plain-text body, and optionally an HTML body for email."""

    subject: Annotated[str, Field(min_length=1, max_length=MAX_SUBJECT)]
    text: Annotated[str, Field(min_length=1, max_length=MAX_BODY)]
    html: Annotated[str, Field(min_length=1, max_length=MAX_BODY)] | None = Field(
        None, description="The email's HTML part; unset = the text, escaped, in paragraphs."
    )

    @field_validator("subject", "text", "html")
    @classmethod
    def _known_placeholders(cls, value: str | None) -> str | None:
        if value is not None and (problem := template_problem(value)) is not None:
            raise ValueError(problem)
        return value


#: The templates used until an operator saves their own.
DEFAULT_TEMPLATES: dict[Event, TemplateIn] = {
    "mission_created": TemplateIn(
        subject="New mission: {{missionName}}",
        text="A new mission is waiting for you: {{missionName}}.\n{{missionDescription}}",
    ),
    "mission_declined": TemplateIn(
        subject="Your submission to {{missionName}} was declined",
        text="Your submission to {{missionName}} was declined.\nFeedback: {{customText}}",
    ),
    "mission_completed": TemplateIn(
        subject="You completed {{missionName}}",
        text="Well done: you completed {{missionName}}.",
    ),
    "send_update": TemplateIn(
        subject="Update on {{missionName}}",
        text="{{customText}}",
    ),
}


@dataclass(frozen=True)
class Message:
    """A template rendered for one user: the subject, the plain text, the HTML and the Slack text."""

    subject: str
    text: str
    html: str
    slack: str


def _paragraphs(text: str, values: Mapping[str, object]) -> str:
    """The text template as HTML: its own text escaped too (it was written as plain text)."""
    rendered = html.escape(render(text, values), quote=True)
    return "".join(f"<p>{line}</p>" for line in rendered.split("\n") if line.strip())


def render_message(template: TemplateIn, values: Mapping[str, object]) -> Message:
    """The message one user gets, each part escaped for where it lands."""
    body = _paragraphs(template.text, values) if template.html is None else render(template.html, values, "html")
    subject = " ".join(render(template.subject, values, "header").split())
    slack_subject = " ".join(render(template.subject, values, "slack").split())
    slack_text = f"*{slack_subject}*\n{render(template.text, values, 'slack')}"
    return Message(subject=subject, text=render(template.text, values), html=body, slack=slack_text)


#: Values a preview fills the placeholders it is not given with.
SAMPLE_VALUES: dict[str, str] = {
    "userId": "user-123",
    "missionId": "mis_example",
    "missionName": "Morning yoga",
    "missionDescription": "Five sessions this week.",
    "customText": "Great photo, but the date is missing.",
    "points": "20",
    "event": "",
}


class ChannelIn(Spec):
    """A channel the operator configures: a signed webhook, email over SMTP, or a Slack-style webhook."""

    kind: ChannelKind = Field(
        description="`webhook`: a signed JSON POST (like callbacks); `email`: SMTP to the user's address;"
        ' `slack`: a POST of `{"text": ...}` to an incoming-webhook URL.'
    )
    name: Name
    url: Annotated[str, Field(min_length=1, max_length=2000)] | None = Field(
        None, description="Where `webhook` and `slack` POST (required for them; not for `email`)."
    )
    events: list[Event] = Field(
        default_factory=lambda: list(EVENTS), min_length=1, description="The events it carries (default all)."
    )
    email_attribute: Annotated[str, Field(min_length=1, max_length=200)] | None = Field(
        None, description="`email`: the user attribute holding the address (default `email`)."
    )

    @model_validator(mode="after")
    def _fits_kind(self) -> ChannelIn:
        if self.kind in ("webhook", "slack") and self.url is None:
            raise FieldInvalid("url", f"a {self.kind} channel needs url")
        if self.kind == "email" and self.url is not None:
            raise FieldInvalid("url", "an email channel has no url (the SMTP server is in the settings)")
        if self.kind != "email" and self.email_attribute is not None:
            raise FieldInvalid("email_attribute", "email_attribute applies only to kind email")
        if len(set(self.events)) != len(self.events):
            raise FieldInvalid("events", "an event is listed twice")
        return self


def delivery_id(channel_id: str, key: str, user_id: str) -> str:
    """The one delivery of a notification (`key`: the fact it announces) to a user through a channel.

    Derived, not random: a retried enqueue of the same fact finds the delivery it made before.
    """
    return "nd_" + hashlib.sha256(f"{channel_id}\x00{key}\x00{user_id}".encode()).hexdigest()[:32]


def backoff(attempts: int, max_interval: timedelta, first: timedelta = timedelta(seconds=1)) -> timedelta:
    """The wait after the `attempts`-th failed attempt: doubling from `first`, at most `max_interval`."""
    if attempts <= 1:
        return min(first, max_interval)
    doubled: timedelta = first * (2 ** min(attempts - 1, 30))
    return min(doubled, max_interval)


EMAIL_ADDRESS = re.compile(r"^[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\"]+$")


def email_problem(address: object) -> str | None:
    """Why an attribute's value is not an address mail can go to (a header cannot be smuggled in), or None."""
    if not isinstance(address, str) or not address:
        return "the user has no email address"
    if len(address) > 320 or not EMAIL_ADDRESS.match(address):
        return "the user's email address is not valid"
    return None
