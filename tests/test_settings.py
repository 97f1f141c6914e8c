"""Settings: read from QUESTLINE_* variables; unsafe secrets refused outside dev mode."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from domain.outbound import PERMISSIVE, STRICT
from settings import MIN_SECRET_BITS, MIN_SECRET_LENGTH, Settings, SettingsError, load_settings, secret_bits

GOOD = {
    "admin_key": "a-real-admin-key-0123456789",
    "client_key": "a-real-client-key-0123456789",
    "token_secret": "a-real-token-secret-0123456789",
    "callback_secret": "a-real-callback-secret-0123456789",
}
VARS = {
    "admin_key": "QUESTLINE_ADMIN_KEY",
    "client_key": "QUESTLINE_CLIENT_KEY",
    "token_secret": "QUESTLINE_TOKEN_SECRET",
    "callback_secret": "QUESTLINE_CALLBACK_SECRET",
}


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No QUESTLINE_* variable of the developer's shell leaks into these tests."""
    for name in list(os.environ):
        if name.upper().startswith("QUESTLINE_"):
            monkeypatch.delenv(name)


def refusal(**fields: Any) -> str:
    """The message of the error refusing these settings."""
    with pytest.raises(ValueError) as raised:
        Settings(**fields)
    error = raised.value
    if isinstance(error, ValidationError):
        # The cause is the SettingsError raised by the model validator.
        causes = [e.get("ctx", {}).get("error") for e in error.errors()]
        assert any(isinstance(c, SettingsError) for c in causes), error
    return str(error)


# --- production refuses unsafe secrets --------------------------------------------------------------------


def test_production_is_the_default_and_refuses_missing_secrets() -> None:
    message = refusal()
    for var in VARS.values():
        assert f"{var} is missing or a placeholder" in message
    assert "QUESTLINE_ENV=dev" in message, "the message says how to run locally"


@pytest.mark.parametrize("field", list(VARS))
def test_one_missing_secret_is_named(field: str) -> None:
    message = refusal(env="production", **{**GOOD, field: ""})
    assert f"{VARS[field]} is missing or a placeholder" in message
    assert all(var not in message for name, var in VARS.items() if name != field)


@pytest.mark.parametrize(
    "placeholder", ["changeme", "CHANGEME", "change-me", "secret", "admin", "client", "dev", "test", "  ", " changeme "]
)
@pytest.mark.parametrize("field", list(VARS))
def test_placeholder_secrets_are_refused(field: str, placeholder: str) -> None:
    message = refusal(env="production", **{**GOOD, field: placeholder})
    assert f"{VARS[field]} is missing or a placeholder" in message


@pytest.mark.parametrize("field", list(VARS))
def test_short_secrets_are_refused(field: str) -> None:
    short = "k" * (MIN_SECRET_LENGTH - 1)
    message = refusal(env="production", **{**GOOD, field: short})
    assert f"{VARS[field]} is shorter than {MIN_SECRET_LENGTH} characters" in message


def test_a_secret_of_the_minimum_length_is_accepted() -> None:
    """Sixteen characters are enough when none repeats (16 x 4 bits = 64 bits)."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    fields = {name: alphabet[i * MIN_SECRET_LENGTH : (i + 1) * MIN_SECRET_LENGTH] for i, name in enumerate(VARS)}
    assert all(len(v) == MIN_SECRET_LENGTH and secret_bits(v) >= MIN_SECRET_BITS for v in fields.values())
    assert Settings(env="production", **fields).admin_key == alphabet[:MIN_SECRET_LENGTH]


# --- weak secrets, and never a secret in an error (issue 13.9) ------------------------------------------

WEAK = [
    "aaaaaaaaaaaaaaaa",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "abababababababababababababababab",
    "0000000011111111",
    "1234512345123451234512345",
    "Tr0ub4dor&3xyzab",
]
PLACEHOLDERS = [
    "changeme12345678",
    "CHANGEME-0123456789abcdef",
    "change_me_0123456789abcdef",
    "Change Me 0123456789 abcdef",
    "replace-me-0123456789abcdef",
    "secret-0123456789abcdefghij",
    "SecretKey0123456789abcdefgh",
    "password-0123456789abcdefgh",
    "example-admin-key-0123456789",
    "your-admin-key-here-0123456789",
    "placeholder-0123456789abcdef",
    "test-admin-key-0123456789",
]


@pytest.mark.parametrize("weak", WEAK)
@pytest.mark.parametrize("field", list(VARS))
def test_low_entropy_secrets_are_refused_in_production(field: str, weak: str) -> None:
    assert secret_bits(weak) < MIN_SECRET_BITS
    message = refusal(env="production", **{**GOOD, field: weak})
    assert f"{VARS[field]} is too guessable" in message
    assert "openssl rand" in message, "the message says how to make a good one"
    assert all(var not in message for name, var in VARS.items() if name != field)


@pytest.mark.parametrize("placeholder", PLACEHOLDERS)
def test_secrets_that_start_like_a_placeholder_are_refused(placeholder: str) -> None:
    message = refusal(env="production", **{**GOOD, "token_secret": placeholder})
    assert "QUESTLINE_TOKEN_SECRET looks like a placeholder" in message


#: Good secrets with no word an error message could contain by chance.
DISTINCT = {
    "admin_key": "Hx83kq0Zp1Vb7Nw2Rt5Lm9",
    "client_key": "Wm4Jd9Qs2Xc6Ty1Gh8Fk3",
    "token_secret": "Nv6Bt1Yr8Ue3Ko5Pa0Ij7",
    "callback_secret": "Pz5Gc7Lf3Dw9Sh2Qm4Xn6",
}


def _windows(value: str, size: int = 5) -> set[str]:
    return {value[i : i + size] for i in range(len(value) - size + 1)}


@pytest.mark.parametrize(
    "fields",
    [
        {"admin_key": "Hx83kq0Zp1ADMINtail987654", "client_key": "", "token_secret": ""},
        {"admin_key": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "client_key": "changeme98765432"},
        {"client_key": "kq7"},
        {"admin_key": "Zq9kLm2vX7pR4tWy", "client_key": "Zq9kLm2vX7pR4tWy"},
        {"callback_secret": "Tr0ub4dor&3xyzab", "broadcast_webhook_url": "http://10.0.0.1/hook?token=Hx83kq0Zp1"},
    ],
)
def test_no_part_of_a_secret_is_ever_in_the_error(fields: dict[str, str]) -> None:
    """Pydantic quotes a model's (truncated) input in its errors: the tail of the first secret leaked."""
    given = {**DISTINCT, **fields}
    with pytest.raises(ValidationError) as raised:
        Settings(env="production", **given)
    shown = f"{raised.value} {raised.value!r}"  # what a log or a terminal gets
    for name, value in given.items():
        leaked = [w for w in _windows(value) if w in shown]
        assert not leaked, f"{name}: {leaked} shown in {shown!r}"


def test_the_worker_refusing_to_start_prints_no_secret(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import worker

    monkeypatch.setenv("QUESTLINE_ENV", "production")
    monkeypatch.setenv("QUESTLINE_ADMIN_KEY", "Hx83kq0Zp1ADMINtail987654")
    monkeypatch.setenv("QUESTLINE_CLIENT_KEY", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
    assert worker.main([]) == 2
    err = capsys.readouterr().err
    assert "QUESTLINE_CLIENT_KEY is too guessable" in err
    assert "QUESTLINE_TOKEN_SECRET is missing or a placeholder" in err
    assert not [w for w in _windows("Hx83kq0Zp1ADMINtail987654") if w in err], err
    assert "aaaaa" not in err


def test_the_settings_repr_shows_no_secret() -> None:
    settings = Settings(
        env="production", **GOOD, s3_secret_key="s3-Hk29xQ0", social_x_token="x-Pq83mZ1", metrics_token="m-Lw02nB7"
    )
    shown = repr(settings) + str(settings)
    for value in (*GOOD.values(), "s3-Hk29xQ0", "x-Pq83mZ1", "m-Lw02nB7"):
        assert value not in shown


# --- the outbound policy (issue 13.7) -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "allow", "policy"),
    [
        ("production", None, STRICT),
        ("dev", None, PERMISSIVE),
        ("test", None, PERMISSIVE),
        ("production", True, PERMISSIVE),
        ("test", False, STRICT),
    ],
)
def test_the_outbound_policy_is_strict_in_production_unless_asked(env: str, allow: bool | None, policy: object) -> None:
    fields: dict[str, Any] = {**GOOD} if env == "production" else {}
    if allow is not None:
        fields["outbound_allow_private"] = allow
    assert Settings(env=env, **fields).outbound_policy == policy


def test_the_variable_allows_private_targets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUESTLINE_ENV", "dev")
    monkeypatch.setenv("QUESTLINE_OUTBOUND_ALLOW_PRIVATE", "false")
    assert load_settings().outbound_policy == STRICT


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://hooks.example.com/broadcasts", "https required"),
        ("https://127.1/hook", "loopback address"),
        ("https://2130706433/hook", "loopback address"),
        ("https://10.0.0.1/hook", "private address"),
        ("https://169.254.169.254/hook", "link-local address"),
        ("https://[::1]/hook", "loopback address"),
    ],
)
def test_a_broadcast_webhook_the_policy_refuses_stops_the_start(url: str, reason: str) -> None:
    message = refusal(env="production", **GOOD, broadcast_webhook_url=url)
    assert f"QUESTLINE_BROADCAST_WEBHOOK_URL cannot be called: {reason}" in message
    assert url not in message, "a webhook URL may carry a token: it is not quoted"


def test_a_public_https_webhook_or_a_local_one_where_allowed_is_accepted() -> None:
    assert Settings(env="production", **GOOD, broadcast_webhook_url="https://hooks.example.com/b").broadcast_webhook_url
    local = "http://127.0.0.1:9000/hook"
    assert Settings(env="test", broadcast_webhook_url=local).broadcast_webhook_url == local
    assert Settings(env="production", **GOOD, outbound_allow_private=True, broadcast_webhook_url=local)


@pytest.mark.parametrize(
    "same",
    [
        ("admin_key", "client_key"),
        ("admin_key", "token_secret"),
        ("client_key", "token_secret"),
        ("token_secret", "callback_secret"),
        ("admin_key", "callback_secret"),
    ],
)
def test_equal_secrets_are_refused(same: tuple[str, str]) -> None:
    fields = {**GOOD, same[1]: GOOD[same[0]]}
    message = refusal(env="production", **fields)
    assert "must differ" in message


def test_every_problem_is_reported_at_once() -> None:
    message = refusal(env="production", admin_key="changeme", client_key="short", token_secret="")
    assert "QUESTLINE_ADMIN_KEY is missing or a placeholder" in message
    assert "QUESTLINE_CLIENT_KEY is shorter than" in message
    assert "QUESTLINE_TOKEN_SECRET is missing or a placeholder" in message


def test_real_secrets_are_accepted_in_production() -> None:
    settings = Settings(env="production", **GOOD)
    assert not settings.is_dev
    assert tuple(getattr(settings, name) for name in GOOD) == tuple(GOOD.values())


@pytest.mark.parametrize("env", ["dev", "test"])
@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"admin_key": "admin", "client_key": "client", "token_secret": "dev"},
        {"admin_key": "x", "client_key": "x", "token_secret": "x"},
    ],
)
def test_dev_and_test_accept_anything(env: str, fields: dict[str, str]) -> None:
    settings = Settings(env=env, **fields)
    assert settings.is_dev


def test_an_unknown_env_is_refused() -> None:
    with pytest.raises(ValidationError) as raised:
        Settings(env="staging", **GOOD)
    assert raised.value.errors()[0]["loc"] == ("env",)


# --- environment variables ------------------------------------------------------------------------------


def test_secrets_and_options_are_read_from_questline_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    for field, var in VARS.items():
        monkeypatch.setenv(var, GOOD[field])
    monkeypatch.setenv("QUESTLINE_ENV", "production")
    monkeypatch.setenv("QUESTLINE_TOKEN_TTL", "PT60S")
    monkeypatch.setenv("QUESTLINE_TOKEN_MAX_TTL", "PT2H")
    monkeypatch.setenv("QUESTLINE_DATABASE_URL", "postgresql://db/questline")
    monkeypatch.setenv("QUESTLINE_TEMPORAL_ADDRESS", "temporal:7233")
    monkeypatch.setenv("QUESTLINE_TASK_QUEUE", "q1")
    monkeypatch.setenv("QUESTLINE_API_PORT", "9000")
    monkeypatch.setenv("QUESTLINE_DATA_DIR", "/tmp/questline-data")
    monkeypatch.setenv("QUESTLINE_LOG_LEVEL", "debug")
    settings = load_settings()
    assert tuple(getattr(settings, name) for name in GOOD) == tuple(GOOD.values())
    assert settings.env == "production"
    assert settings.token_ttl == timedelta(seconds=60)
    assert settings.token_max_ttl == timedelta(hours=2)
    assert settings.database_url == "postgresql://db/questline"
    assert (settings.temporal_address, settings.task_queue, settings.api_port) == ("temporal:7233", "q1", 9000)
    assert settings.data_dir == Path("/tmp/questline-data")
    assert settings.log_level == "debug"


@pytest.mark.parametrize(("value", "expected"), [("PT90S", 90), ("P1D", 86400), ("900", 900)])
def test_durations_in_variables_are_iso_8601_or_seconds(
    monkeypatch: pytest.MonkeyPatch, value: str, expected: int
) -> None:
    """Like every duration of the API (api.md): ISO 8601 or a number of seconds."""
    monkeypatch.setenv("QUESTLINE_ENV", "dev")
    monkeypatch.setenv("QUESTLINE_TOKEN_TTL", value)
    assert load_settings().token_ttl == timedelta(seconds=expected)


def test_variables_are_case_insensitive_and_unprefixed_ones_are_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("questline_env", "dev")
    monkeypatch.setenv("ADMIN_KEY", "not-mine-0123456789")
    settings = load_settings()
    assert settings.env == "dev"
    assert settings.admin_key == ""


def test_load_settings_refuses_unsafe_production_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUESTLINE_ENV", "production")
    monkeypatch.setenv("QUESTLINE_ADMIN_KEY", "changeme")
    monkeypatch.setenv("QUESTLINE_CLIENT_KEY", GOOD["client_key"])
    monkeypatch.setenv("QUESTLINE_TOKEN_SECRET", GOOD["token_secret"])
    with pytest.raises(ValueError, match="QUESTLINE_ADMIN_KEY is missing or a placeholder"):
        load_settings()


def test_without_any_variable_the_process_refuses_to_start() -> None:
    with pytest.raises(ValueError, match="refusing to start outside dev mode"):
        load_settings()


def test_create_app_refuses_unsafe_settings_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from api.app import create_app

    monkeypatch.setenv("QUESTLINE_ENV", "production")
    with pytest.raises(ValueError, match="QUESTLINE_TOKEN_SECRET"):
        create_app()


def test_create_app_builds_with_valid_production_settings() -> None:
    from api.app import create_app

    app = create_app(Settings(env="production", **GOOD))
    assert app.title == "Questline"


@pytest.mark.parametrize(
    ("var", "value"),
    [
        ("QUESTLINE_API_PORT", "0"),
        ("QUESTLINE_API_PORT", "70000"),
        ("QUESTLINE_TOKEN_TTL", "soon"),
        ("QUESTLINE_MAX_CONCURRENT_ACTIVITIES", "0"),
    ],
)
def test_invalid_option_values_are_refused(monkeypatch: pytest.MonkeyPatch, var: str, value: str) -> None:
    monkeypatch.setenv("QUESTLINE_ENV", "dev")
    monkeypatch.setenv(var, value)
    with pytest.raises(ValidationError) as raised:
        load_settings()
    assert raised.value.errors()[0]["loc"] == (var.removeprefix("QUESTLINE_").lower(),)


def test_defaults() -> None:
    settings = Settings(env="dev")
    assert settings.token_ttl == timedelta(minutes=15)
    assert settings.token_max_ttl == timedelta(hours=24)
    assert (settings.api_host, settings.api_port) == ("127.0.0.1", 8000)
    assert (settings.temporal_namespace, settings.task_queue) == ("default", "questline")
    assert (settings.callback_retry_for, settings.callback_timeout) == (timedelta(hours=24), timedelta(seconds=10))
    assert settings.callback_max_interval == timedelta(minutes=10)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgresql://u:p@h/db", "postgresql+psycopg://u:p@h/db"),
        ("postgres://u:p@h/db", "postgresql+psycopg://u:p@h/db"),
        ("postgresql+psycopg://u:p@h/db", "postgresql+psycopg://u:p@h/db"),
        ("", ""),
    ],
)
def test_sqlalchemy_url_uses_psycopg_3(url: str, expected: str) -> None:
    assert Settings(env="dev", database_url=url).sqlalchemy_url() == expected


def test_every_setting_is_documented_in_the_readme() -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    missing = [name for name in Settings.model_fields if f"`QUESTLINE_{name.upper()}`" not in readme]
    assert not missing, f"settings missing from the README's configuration table: {missing}"
