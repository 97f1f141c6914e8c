"""Questline's settings: one `Settings` object read from `QUESTLINE_*` environment variables.

Every field is documented in the README's configuration table; keep the two in step.
"""

from __future__ import annotations

import math
from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from domain.media import KNOWN_TYPES
from domain.outbound import PERMISSIVE, STRICT, OutboundPolicy, target_problem
from domain.spec_base import Duration

#: Values that must never guard a real deployment.
PLACEHOLDER_SECRETS = frozenset({"", "changeme", "change-me", "secret", "admin", "client", "dev", "test"})
#: A secret starting with one of these (ignoring case and `-`, `_`, spaces) is a placeholder someone left.
PLACEHOLDER_PREFIXES = (
    "changeme",
    "replaceme",
    "secret",
    "password",
    "passw0rd",
    "example",
    "placeholder",
    "sample",
    "dummy",
    "default",
    "insecure",
    "your",
    "test",
    "demo",
)
#: Shortest secret accepted outside development.
MIN_SECRET_LENGTH = 16
#: Least estimated entropy of a secret accepted outside development, in bits (`secret_bits`).
MIN_SECRET_BITS = 64
#: The settings that must be real, distinct secrets outside development.
_SECRETS = ("admin_key", "client_key", "token_secret", "callback_secret")
_HOW_TO_GENERATE = "e.g. `openssl rand -hex 32`"


def secret_bits(value: str) -> float:
    """An estimate of a secret's entropy: its length times the Shannon entropy of its characters.

    Repeats and small alphabets score low (`aaaaaaaaaaaaaaaa` is 0 bits, `abab...` 1 bit a
    character); random keys score about their true entropy (32 hex digits: ~120 bits).
    """
    counts = Counter(value)
    return -sum(n * math.log2(n / len(value)) for n in counts.values())


def secret_problem(value: str) -> str | None:
    """Why `value` cannot be a production secret (never quoting it), or None when it can."""
    plain = value.strip().lower()
    if plain in PLACEHOLDER_SECRETS:
        return "is missing or a placeholder"
    if len(value) < MIN_SECRET_LENGTH:
        return f"is shorter than {MIN_SECRET_LENGTH} characters"
    if "".join(c for c in plain if c not in "-_ ").startswith(PLACEHOLDER_PREFIXES):
        return "looks like a placeholder (it starts like one)"
    if secret_bits(value) < MIN_SECRET_BITS:
        return (
            f"is too guessable (under {MIN_SECRET_BITS} bits by its length and repeated characters;"
            f" use 24 or more random characters, {_HOW_TO_GENERATE})"
        )
    return None


class SettingsError(ValueError):
    """The settings cannot be used (a missing or weak secret outside development, ...).

    Its message names the variables and why, never their values (not even part of one).
    """


class Settings(BaseSettings):
    """Process configuration, shared by the API, the worker and the dev stack."""

    # hide_input_in_errors: pydantic would otherwise quote the (truncated) input, secrets and all.
    model_config = SettingsConfigDict(env_prefix="QUESTLINE_", extra="ignore", hide_input_in_errors=True)

    env: Literal["dev", "test", "production"] = Field(
        "production",
        description="`dev` and `test` accept generated or weak keys; `production` refuses them.",
    )
    admin_key: str = Field("", repr=False, description="Bearer key for every route, admin routes included.")
    client_key: str = Field("", repr=False, description="Bearer key of the operator's backend: events and user routes.")
    token_secret: str = Field("", repr=False, description="HMAC secret that signs user tokens.")
    token_ttl: Duration = Field(timedelta(minutes=15), description="Default lifetime of a user token.")
    token_max_ttl: Duration = Field(timedelta(hours=24), description="Longest lifetime a caller may ask for.")
    database_url: str = Field(
        "",
        description="SQLAlchemy URL of PostgreSQL (postgresql+psycopg://...); empty = embedded server.",
    )
    database_read_url: str = Field(
        "",
        description="SQLAlchemy URL of a read-only replica that the read routes use (a user's mission list "
        "and views, quests, wallet, leaderboard standings); empty = the primary. A replica lags: a read "
        "right after a write may not show it yet.",
    )
    event_retention: Duration | None = Field(
        None,
        description="How long the event log keeps events: a month's partition is dropped once it ended "
        "longer ago than this, and an event id is remembered as long (a repeat after that is a new "
        "event). Unset = keep everything.",
    )
    settle_timeout: Duration = Field(
        timedelta(seconds=1),
        description="API: how long `POST /v1/events` waits for each journey to apply its event before "
        "answering 202 (so a read right after sees it); past it, the 202 comes and the event applies moments later.",
    )
    db_pool_size: int = Field(
        20, ge=1, description="Database connections each process keeps open (twice that at peak)."
    )
    data_dir: Path = Field(Path(".data"), description="Where the embedded servers keep their files.")
    upload_store: Literal["local", "s3"] = Field(
        "local", description="Where uploaded proofs are kept: `local` (upload_dir) or `s3` (any S3-compatible bucket)."
    )
    upload_dir: Path | None = Field(None, description="Folder of the local upload store; unset = `<data_dir>/uploads`.")
    upload_max_bytes: int = Field(
        10 * 1024 * 1024, ge=1, description="Largest image, video or document (PDF) proof accepted, in bytes."
    )
    upload_image_types: Annotated[list[str], NoDecode] = Field(
        ["image/png", "image/jpeg", "image/gif", "image/webp"],
        description="Content types accepted for an image proof (comma-separated).",
    )
    upload_video_types: Annotated[list[str], NoDecode] = Field(
        ["video/mp4", "video/webm", "video/quicktime"],
        description="Content types accepted for a video proof (comma-separated).",
    )
    mission_image_max_bytes: int = Field(
        5 * 1024 * 1024, ge=1, description="Largest card or page image an admin may upload for a mission, in bytes."
    )
    link_base_url: str = Field(
        "",
        max_length=2000,
        pattern=r"^(https?://\S+)?$",
        description="The page of the operator's app embedding the widget, where missions' magic links point"
        " (`?questline_link=<token>` is added); empty = the API's own `/widget/link.html`.",
    )
    s3_endpoint: str = Field("", description="S3 API endpoint URL (e.g. https://s3.eu-west-1.amazonaws.com).")
    s3_bucket: str = Field("", description="Bucket that holds uploaded proofs (path-style requests).")
    s3_region: str = Field("us-east-1", description="Region the requests are signed for (SigV4).")
    s3_access_key: str = Field("", description="Access key id of the S3 credentials.")
    s3_secret_key: str = Field("", repr=False, description="Secret access key of the S3 credentials.")
    temporal_address: str = Field("", description="host:port of Temporal's frontend; empty = dev server.")
    temporal_namespace: str = Field("default", description="Temporal namespace of every journey.")
    task_queue: str = Field("questline", description="Temporal task queue of workflows and activities.")
    api_host: str = Field("127.0.0.1", description="Interface the API listens on.")
    api_port: int = Field(8000, ge=1, le=65535, description="Port the API listens on.")
    temporal_ui_port: int = Field(8233, ge=1, le=65535, description="Port of the dev server's web UI.")
    temporal_ui_url: str = Field(
        "",
        max_length=2000,
        description="Where admins open the Temporal UI (linked from the front page); empty: not linked.",
    )
    max_concurrent_activities: int = Field(100, ge=1, description="Worker: activities run at once.")
    max_concurrent_workflow_tasks: int = Field(100, ge=1, description="Worker: workflow tasks run at once.")
    worker_shutdown_grace: Duration = Field(
        timedelta(seconds=20),
        description="Worker: on SIGTERM, how long running activities may finish before they are cancelled "
        "(Temporal retries a cancelled one elsewhere); a container's stop grace should exceed it by 30 s.",
    )
    max_cached_workflows: int = Field(
        10_000, ge=0, description="Worker: journeys kept in memory (a cached journey is not replayed per event)."
    )
    log_level: str = Field("INFO", description="Python log level of the API and worker.")
    log_format: Literal["text", "json"] = Field(
        "text", description="`text` lines, or `json`: one object per line with request and activity context."
    )
    metrics_token: str = Field(
        "", repr=False, description="Bearer token `GET /metrics` of the API requires; empty = open."
    )
    worker_metrics_host: str = Field("127.0.0.1", description="Interface the worker's metrics listener binds.")
    worker_metrics_port: int = Field(
        0, ge=0, le=65535, description="Worker: port of `GET /metrics` (ours and the Temporal SDK's); 0 = off."
    )
    broadcast_webhook_url: str = Field(
        "", repr=False, description="POSTed each broadcast delivery as JSON; empty = inbox only"
    )
    outbound_allow_private: bool | None = Field(
        None,
        description=(
            "Let callbacks and the broadcast webhook call loopback and private-network addresses, over http"
            " too; unset = on in dev/test, off in production (https to public addresses only)."
        ),
    )
    callback_secret: str = Field(
        "",
        repr=False,
        description="HMAC-SHA256 key that signs callbacks to `callback_url`s (share it with the receivers).",
    )
    callback_retry_for: Duration = Field(
        timedelta(hours=24), description="How long a callback is retried before it is marked failed."
    )
    callback_timeout: Duration = Field(timedelta(seconds=10), description="HTTP timeout of one callback attempt.")
    callback_max_interval: Duration = Field(
        timedelta(minutes=10),
        description="Longest wait between two attempts of a callback (the backoff doubles up to it).",
    )
    # Notifications by email (services/notifications.py): without smtp_host, no email channel can be added.
    smtp_host: str = Field("", description="SMTP server of notification emails; empty = email channels are off.")
    smtp_port: int = Field(587, ge=1, le=65535, description="SMTP server port (587 submission, 465 implicit TLS).")
    smtp_from: str = Field("", description="From address of notification emails (required with smtp_host).")
    smtp_username: str = Field("", description="SMTP login; empty = send without authenticating.")
    smtp_password: str = Field("", repr=False, description="SMTP password of smtp_username.")
    smtp_security: Literal["starttls", "tls", "none"] = Field(
        "starttls", description="`starttls` (upgrade after connecting), `tls` (implicit, port 465) or `none`."
    )
    smtp_timeout: Duration = Field(timedelta(seconds=20), description="Timeout of one SMTP conversation.")
    smtp_ca_file: str = Field(
        "", description="PEM file of the CAs that sign the SMTP server's certificate; empty = the system's."
    )

    # Social verification (domain/social_*.py, social/): a platform without credentials cannot verify.
    social_check_delay: Duration = Field(
        timedelta(minutes=5), description="Wait before a social check first looks (new posts take minutes to appear)."
    )
    social_check_timeout: Duration = Field(
        timedelta(minutes=10), description="How long a social check retries after the delay before it gives up."
    )
    social_x_base_url: str = Field("https://api.x.com", description="X API v2 base URL.")
    social_x_token: str = Field(
        "", repr=False, description="X app-only bearer token; empty = X goals cannot be verified."
    )
    social_discord_base_url: str = Field("https://discord.com/api/v10", description="Discord REST API base URL.")
    social_discord_token: str = Field(
        "", repr=False, description="Token of a Discord bot that is in each server to check."
    )
    social_telegram_base_url: str = Field("https://api.telegram.org", description="Telegram Bot API base URL.")
    social_telegram_token: str = Field(
        "", repr=False, description="Token of a Telegram bot that administers each chat to check."
    )
    social_instagram_base_url: str = Field(
        "https://graph.facebook.com/v21.0", description="Instagram Graph API base URL (with its version)."
    )
    social_instagram_token: str = Field(
        "", repr=False, description="Access token of the discovering Instagram account."
    )
    social_instagram_account_id: str = Field("", description="Id of the Instagram professional account that discovers.")
    social_tiktok_base_url: str = Field("https://open.tiktokapis.com", description="TikTok API base URL.")
    social_tiktok_client_key: str = Field("", description="Client key of a TikTok Research API project.")
    social_tiktok_client_secret: str = Field("", repr=False, description="Client secret of that TikTok project.")
    social_youtube_base_url: str = Field(
        "https://www.googleapis.com/youtube/v3", description="YouTube Data API v3 base URL."
    )
    social_youtube_key: str = Field(
        "", repr=False, description="YouTube Data API key; empty = YouTube goals cannot be verified."
    )

    widget_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Origins (scheme://host[:port], comma-separated) whose pages may embed the widget: CORS on"
        " `/v1/me/*`, `/widget/*` and `/static/lib/*`. Empty = the API's own origin only; `*` = any origin,"
        " refused in production.",
    )

    @property
    def is_dev(self) -> bool:
        """True where generated keys and weak secrets are acceptable."""
        return self.env in ("dev", "test")

    @property
    def outbound_policy(self) -> OutboundPolicy:
        """What callbacks and the broadcast webhook may call (domain/outbound.py)."""
        allow = self.is_dev if self.outbound_allow_private is None else self.outbound_allow_private
        return PERMISSIVE if allow else STRICT

    @model_validator(mode="after")
    def _check_webhook(self) -> Settings:
        url = self.broadcast_webhook_url
        if url and (problem := target_problem(url, self.outbound_policy)) is not None:
            # The URL itself is not quoted: webhook URLs often carry a token.
            hint = (
                ""
                if self.outbound_policy.allow_private
                else " (QUESTLINE_OUTBOUND_ALLOW_PRIVATE=true allows local targets)"
            )
            raise SettingsError(f"QUESTLINE_BROADCAST_WEBHOOK_URL cannot be called: {problem}{hint}")
        return self

    @model_validator(mode="after")
    def _refuse_placeholder_secrets(self) -> Settings:
        if self.is_dev:
            return self
        problems = []
        for name in _SECRETS:
            value: str = getattr(self, name)
            env_name = f"QUESTLINE_{name.upper()}"
            if (problem := secret_problem(value)) is not None:
                problems.append(f"{env_name} {problem}")
        # Callback receivers hold the callback secret: shared with a key, it would let them forge tokens.
        if len({getattr(self, name) for name in _SECRETS}) < len(_SECRETS) and not problems:
            names = [f"QUESTLINE_{name.upper()}" for name in _SECRETS]
            problems.append(f"{', '.join(names[:-1])} and {names[-1]} must differ")
        if problems:
            raise SettingsError(
                "refusing to start outside dev mode: "
                + "; ".join(problems)
                + ". Set real secrets, or QUESTLINE_ENV=dev for local use."
            )
        return self

    @field_validator("upload_image_types", "upload_video_types", mode="before")
    @classmethod
    def _split_types(cls, value: object) -> object:
        parts = value.split(",") if isinstance(value, str) else value
        if isinstance(parts, list):
            return [p.strip().lower() for p in parts if isinstance(p, str) and p.strip()]
        return value

    @field_validator("widget_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        parts = value.split(",") if isinstance(value, str) else value
        if isinstance(parts, list):
            return [p.strip().rstrip("/") for p in parts if isinstance(p, str) and p.strip()]
        return value

    @model_validator(mode="after")
    def _check_widget_origins(self) -> Settings:
        for origin in self.widget_origins:
            if origin == "*":
                if self.env == "production":
                    raise SettingsError(
                        "QUESTLINE_WIDGET_ORIGINS=* is refused in production: name the origins that embed the widget"
                    )
                continue
            scheme, _, rest = origin.partition("://")
            if scheme not in ("http", "https") or not rest or "/" in rest:
                raise SettingsError(
                    f"QUESTLINE_WIDGET_ORIGINS: {origin!r} is not an origin (scheme://host[:port], no path)"
                )
        return self

    @model_validator(mode="after")
    def _check_uploads(self) -> Settings:
        problems = []
        for kind in ("image", "video"):
            name = f"upload_{kind}_types"
            unknown = [t for t in getattr(self, name) if t not in KNOWN_TYPES[kind]]
            if unknown:
                problems.append(
                    f"QUESTLINE_{name.upper()} has types whose bytes cannot be checked: {', '.join(unknown)}"
                    f" (known: {', '.join(KNOWN_TYPES[kind])})"
                )
        if self.upload_store == "s3":
            for name in ("s3_endpoint", "s3_bucket", "s3_access_key", "s3_secret_key"):
                if not getattr(self, name).strip():
                    problems.append(f"QUESTLINE_{name.upper()} is required when QUESTLINE_UPLOAD_STORE=s3")
            if self.s3_endpoint and not self.s3_endpoint.startswith(("http://", "https://")):
                problems.append("QUESTLINE_S3_ENDPOINT must be an http:// or https:// URL")
        if problems:
            raise SettingsError("; ".join(problems))
        return self

    @property
    def upload_path(self) -> Path:
        """The local upload store's folder."""
        return self.upload_dir if self.upload_dir is not None else self.data_dir / "uploads"

    def sqlalchemy_url(self, url: str | None = None) -> str:
        """The database URL (default: the primary's) with the psycopg 3 driver, whatever form the
        operator wrote."""
        url = self.database_url if url is None else url
        for prefix in ("postgresql://", "postgres://"):
            if url.startswith(prefix):
                return "postgresql+psycopg://" + url[len(prefix) :]
        return url


def load_settings() -> Settings:
    """Reads the settings from the environment (and raises `SettingsError` on unsafe ones)."""
    return Settings()
