"""docker-compose.yml and the Dockerfile describe a complete, production-safe stack (parsed, not run)."""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import subprocess
import tomllib
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from devstack.temporal import SEARCH_ATTRIBUTES
from settings import Settings

ROOT = Path(__file__).resolve().parents[1]
APP_SERVICES = ("migrate", "api", "worker")
REQUIRED_SERVICES = ("postgres", "temporal", "temporal-setup", "temporal-ui", *APP_SERVICES)
#: Settings every app container needs set: their defaults suit only `make run`.
REQUIRED_SETTINGS = (
    "QUESTLINE_ENV",
    "QUESTLINE_DATABASE_URL",
    "QUESTLINE_TEMPORAL_ADDRESS",
    "QUESTLINE_TEMPORAL_NAMESPACE",
    "QUESTLINE_TASK_QUEUE",
    "QUESTLINE_ADMIN_KEY",
    "QUESTLINE_CLIENT_KEY",
    "QUESTLINE_TOKEN_SECRET",
    "QUESTLINE_CALLBACK_SECRET",
    "QUESTLINE_API_HOST",
    "QUESTLINE_API_PORT",
)
SECRETS = ("QUESTLINE_ADMIN_KEY", "QUESTLINE_CLIENT_KEY", "QUESTLINE_TOKEN_SECRET", "QUESTLINE_CALLBACK_SECRET")
#: What an operator exports before `docker compose up` (secrets are long, distinct, URL-safe).
OPERATOR_ENV = {
    "POSTGRES_PASSWORD": "pg-password-0123456789",
    "QUESTLINE_ADMIN_KEY": "admin-key-0123456789abcdef",
    "QUESTLINE_CLIENT_KEY": "client-key-0123456789abcdef",
    "QUESTLINE_TOKEN_SECRET": "token-secret-0123456789abcdef",
    "QUESTLINE_CALLBACK_SECRET": "callback-secret-0123456789abcdef",
}
_VARIABLE = re.compile(r"\$\$|\$\{(?P<name>\w+)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\}|\$(?P<bare>\w+)")


def interpolate(value: str, env: dict[str, str]) -> str:
    """Compose's variable interpolation (`${X}`, `${X:-default}`, `${X:?error}`, `$$`)."""

    def substitute(match: re.Match[str]) -> str:
        if match.group(0) == "$$":
            return "$"
        name = match.group("name") or match.group("bare")
        op, arg = match.group("op"), match.group("arg")
        found = env.get(name)
        if op in (":-", "-"):
            return found if found or (op == "-" and found is not None) else arg
        if op in (":?", "?") and not found:
            raise KeyError(f"{name}: {arg}")
        return found or ""

    return _VARIABLE.sub(substitute, value)


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    """docker-compose.yml as compose sees it before interpolation (anchors and merges resolved)."""
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return loaded


@pytest.fixture(scope="module")
def services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The services of docker-compose.yml by name."""
    found: dict[str, dict[str, Any]] = compose["services"]
    return found


def environment(service: dict[str, Any]) -> dict[str, str]:
    """A service's environment, whether written as a mapping or as a list of NAME=value."""
    raw = service.get("environment") or {}
    if isinstance(raw, list):
        return dict(item.split("=", 1) for item in raw)
    return {name: str(value) for name, value in raw.items()}


def conditions(service: dict[str, Any]) -> dict[str, str]:
    """`depends_on` as {service: condition}; the short list form means `service_started`."""
    raw = service.get("depends_on") or {}
    if isinstance(raw, list):
        return dict.fromkeys(raw, "service_started")
    return {name: spec.get("condition", "service_started") for name, spec in raw.items()}


def test_every_service_the_app_needs_is_there(services: dict[str, dict[str, Any]]) -> None:
    missing = [name for name in REQUIRED_SERVICES if name not in services]
    assert not missing, f"docker-compose.yml lacks {missing}"
    assert services["postgres"]["image"].startswith("postgres:")
    assert services["temporal"]["image"].startswith("temporalio/auto-setup:")
    assert services["temporal-ui"]["image"].startswith("temporalio/ui:")
    assert services["temporal-setup"]["image"].startswith("temporalio/admin-tools:")


def test_dependencies_wait_for_health_or_completion(services: dict[str, dict[str, Any]]) -> None:
    expected = {
        "temporal": {"postgres": "service_healthy"},
        "temporal-setup": {"temporal": "service_healthy"},
        "temporal-ui": {"temporal": "service_healthy"},
        "migrate": {"postgres": "service_healthy"},
        "api": {
            "migrate": "service_completed_successfully",
            "temporal": "service_healthy",
            "temporal-setup": "service_completed_successfully",
        },
        "worker": {
            "migrate": "service_completed_successfully",
            "temporal": "service_healthy",
            "temporal-setup": "service_completed_successfully",
        },
    }
    for name, wanted in expected.items():
        actual = conditions(services[name])
        for dependency, condition in wanted.items():
            assert actual.get(dependency) == condition, f"{name} must wait for {dependency}: {condition}"


def test_what_is_waited_on_can_become_healthy_or_complete(services: dict[str, dict[str, Any]]) -> None:
    for name, service in services.items():
        for dependency, condition in conditions(service).items():
            assert dependency in services, f"{name} depends on unknown service {dependency}"
            target = services[dependency]
            if condition == "service_healthy":
                test = (target.get("healthcheck") or {}).get("test")
                assert test and not target["healthcheck"].get("disable"), f"{dependency} has no healthcheck"
            if condition == "service_completed_successfully":
                # A one-shot that restarts on exit never counts as completed.
                assert target.get("restart", "no") == "no", f"{dependency} must not restart"


def test_healthchecks_probe_the_right_thing(services: dict[str, dict[str, Any]]) -> None:
    assert "pg_isready" in str(services["postgres"]["healthcheck"]["test"])
    assert "temporal operator" in str(services["temporal"]["healthcheck"]["test"])
    api_check = str(services["api"]["healthcheck"]["test"])
    assert "/readyz" in api_check
    assert ":8000/" in api_check


def test_worker_scales_and_api_is_published(services: dict[str, dict[str, Any]]) -> None:
    worker = services["worker"]
    # `--scale worker=N` fails on a fixed name or a published host port.
    assert "container_name" not in worker
    assert not worker.get("ports")
    assert "worker.py" in " ".join(worker["command"])
    api = services["api"]
    assert "container_name" not in api
    assert any(str(port).endswith("8000:8000") for port in api["ports"])
    assert "api.app:create_app" in api["command"]
    assert "--factory" in api["command"]
    assert services["migrate"]["command"][-2:] == ["-m", "db.migrate"]


def test_app_services_get_every_required_setting(services: dict[str, dict[str, Any]]) -> None:
    for name in APP_SERVICES:
        env = environment(services[name])
        missing = [var for var in REQUIRED_SETTINGS if var not in env]
        assert not missing, f"{name} lacks {missing}"
        assert env["QUESTLINE_ENV"] == "production"
        assert env["QUESTLINE_TEMPORAL_ADDRESS"] == "temporal:7233"
        assert "@postgres:5432/" in env["QUESTLINE_DATABASE_URL"]
        assert env["QUESTLINE_API_HOST"] == "0.0.0.0"
        assert env["QUESTLINE_API_PORT"] == "8000"
        for secret in SECRETS:
            # Required from the operator's environment, never a default written in the file.
            assert re.fullmatch(rf"\$\{{{secret}:\?[^}}]*\}}", env[secret]), f"{name}: {secret} = {env[secret]}"


def test_every_questline_variable_is_a_real_setting(services: dict[str, dict[str, Any]]) -> None:
    known = {f"QUESTLINE_{field.upper()}" for field in Settings.model_fields}
    for name, service in services.items():
        unknown = {var for var in environment(service) if var.startswith("QUESTLINE_")} - known
        assert not unknown, f"{name} sets {unknown}, which Settings does not read"


def test_secrets_cannot_be_left_unset(services: dict[str, dict[str, Any]]) -> None:
    env = environment(services["api"])
    for secret in SECRETS:
        with pytest.raises(KeyError, match=secret):
            interpolate(env[secret], {})


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_environment_loads_as_production_settings(
    services: dict[str, dict[str, Any]], name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for var in os.environ:
        if var.startswith("QUESTLINE_"):
            monkeypatch.delenv(var)
    for var, value in environment(services[name]).items():
        monkeypatch.setenv(var, interpolate(value, OPERATOR_ENV))
    settings = Settings()
    assert settings.env == "production"
    assert settings.admin_key == OPERATOR_ENV["QUESTLINE_ADMIN_KEY"]
    assert settings.sqlalchemy_url().startswith("postgresql+psycopg://questline:")
    assert settings.temporal_address == "temporal:7233"


def test_temporal_gets_the_app_namespace_and_search_attributes(services: dict[str, dict[str, Any]]) -> None:
    def resolved(value: str) -> str:
        return interpolate(value, OPERATOR_ENV)

    namespace = resolved(environment(services["api"])["QUESTLINE_TEMPORAL_NAMESPACE"])
    assert resolved(environment(services["temporal"])["DEFAULT_NAMESPACE"]) == namespace
    assert resolved(environment(services["worker"])["QUESTLINE_TEMPORAL_NAMESPACE"]) == namespace

    setup = services["temporal-setup"]
    args = [resolved(arg) for arg in [*setup.get("entrypoint", []), *setup["command"]]]
    assert args[:4] == ["temporal", "operator", "search-attribute", "create"]
    assert "--address=temporal:7233" in args
    assert f"--namespace={namespace}" in args
    names = [arg.split("=", 1)[1] for arg in args if arg.startswith("--name=")]
    kinds = [arg.split("=", 1)[1] for arg in args if arg.startswith("--type=")]
    # The same attributes as the dev server of `make run`, so workflows behave the same on both.
    assert dict(zip(names, kinds, strict=True)) == dict(SEARCH_ATTRIBUTES)


def test_dockerfile_copies_every_package_and_module() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    needed = {package.split(".")[0] for package in project["packages"]}
    needed |= {f"{module}.py" for module in project["py-modules"]}
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert dockerfile.startswith("#") and "FROM python:3.11-slim" in dockerfile
    copied: set[str] = set()
    for line in dockerfile.splitlines():
        if line.startswith("COPY "):
            copied |= {source.rstrip("/") for source in line.split()[1:-1]}
    assert not needed - copied, f"the Dockerfile does not copy {sorted(needed - copied)}"
    assert "pip install ." in dockerfile


# --- the file is valid Compose ---------------------------------------------------------------------------------
#
# `docker compose config` (Compose v2, the CLI plugin) validates and renders the file without a
# daemon; it is used when installed. Debian (bookworm) packages only Compose v1 (`docker-compose`
# 1.29), which predates the Compose Specification's top-level `name` and so refuses a valid file:
# it is not used. Without Compose v2 the file is validated against the Compose Specification's
# JSON schema (draft 2020-12), the copy vendored by the `check-jsonschema` dev dependency.


def compose_v2() -> list[str] | None:
    """The Compose v2 command (`docker compose` or a v2 `docker-compose`), or None."""
    candidates = []
    if docker := shutil.which("docker"):
        candidates.append([docker, "compose"])
    if legacy := shutil.which("docker-compose"):
        candidates.append([legacy])
    for command in candidates:
        found = subprocess.run([*command, "version", "--short"], capture_output=True, text=True, timeout=30)
        if found.returncode == 0 and not found.stdout.strip().lstrip("v").startswith("1."):
            return command
    return None


@pytest.fixture(scope="module")
def compose_schema() -> jsonschema.protocols.Validator:
    """A validator of the Compose Specification's JSON schema (with format checks)."""
    schema = json.loads((files("check_jsonschema.builtin_schemas.vendor") / "compose-spec.json").read_text())
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator: jsonschema.protocols.Validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
    return validator


def schema_errors(validator: jsonschema.protocols.Validator, document: dict[str, Any]) -> list[str]:
    return [f"{error.json_path}: {error.message}" for error in validator.iter_errors(document)]


def test_compose_config_accepts_the_file(
    compose: dict[str, Any], compose_schema: jsonschema.protocols.Validator
) -> None:
    """`docker compose config` succeeds (Compose v2 when installed, else the specification's schema)."""
    command = compose_v2()
    if command is None:
        assert schema_errors(compose_schema, compose) == []
        return
    env = {"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", "/tmp"), **OPERATOR_ENV}
    done = subprocess.run(
        [*command, "-f", str(ROOT / "docker-compose.yml"), "config", "--quiet"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    # Without the operator's secrets, compose refuses to render the file (the `:?` variables).
    env.pop("QUESTLINE_ADMIN_KEY")
    refused = subprocess.run(
        [*command, "-f", str(ROOT / "docker-compose.yml"), "config", "--quiet"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert refused.returncode != 0 and "QUESTLINE_ADMIN_KEY" in refused.stderr, refused.stderr


def test_the_file_matches_the_compose_specification(
    compose: dict[str, Any], compose_schema: jsonschema.protocols.Validator
) -> None:
    assert schema_errors(compose_schema, compose) == []


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda c: c["services"]["api"].update(restrat="always"), "$.services.api"),
        (lambda c: c["services"]["api"].update(ports="8000:8000"), "$.services.api.ports"),
        (lambda c: c["services"]["worker"].update(depends_on={"migrate": {"condition": "done"}}), "condition"),
        (lambda c: c["services"]["postgres"]["healthcheck"].update(test=42), "healthcheck.test"),
        (lambda c: c["services"]["temporal"].update(environment=7), "$.services.temporal.environment"),
        (lambda c: c.update(volumes=["postgres-data"]), "$.volumes"),
        (lambda c: c.update(servcies={}), "$"),
    ],
    ids=[
        "typo in a key",
        "ports as a string",
        "unknown condition",
        "healthcheck test",
        "environment",
        "volumes",
        "typo",
    ],
)
def test_the_schema_catches_mistakes(
    compose: dict[str, Any], compose_schema: jsonschema.protocols.Validator, change: Any, where: str
) -> None:
    """The schema check is no rubber stamp: typical mistakes in a copy of the file are reported."""
    broken = copy.deepcopy(compose)
    change(broken)
    errors = schema_errors(compose_schema, broken)
    assert any(where in error for error in errors), errors
