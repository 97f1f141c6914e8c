"""deploy/kubernetes/ describes a complete, production-safe deployment (validated offline, not applied).

Every manifest is checked against Kubernetes' own schemas (bundled by kubernetes-validate, strict:
an unknown or misspelt field fails), then against the code it deploys: the settings it sets exist,
the image and commands are the Dockerfile's and compose's, the probes hit routes the app serves,
the worker's grace period covers its drain, and the kustomization lists every file.
"""

from __future__ import annotations

import ast
import inspect
import json
import os
import re
import secrets
import shlex
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import kubernetes_validate  # type: ignore[import-untyped]
import pytest
import yaml
from pydantic import ValidationError
from starlette.routing import Match
from temporalio.worker import Worker

from api.app import create_app
from devstack.temporal import SEARCH_ATTRIBUTES
from services.health import CHECK_TIMEOUT
from settings import Settings
from tests.test_compose import interpolate

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy" / "kubernetes"
#: The oldest Kubernetes these manifests claim (unhealthyPodEvictionPolicy is GA from 1.31) and a
#: recent one; pinned, so a newer kubernetes-validate cannot change what passes.
KUBERNETES_VERSIONS = ("1.31.0", "1.35.0")
#: Left out of the kustomization on purpose: `kubectl apply -k` must never reset real secrets.
SECRET_TEMPLATE = "secret.template.yaml"
IMAGE = "questline"
CONFIG_MAP = "questline-config"
SECRET = "questline-secrets"
#: The settings every Questline container needs: their defaults suit only `make run`.
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
)
SECRET_SETTINGS = ("admin_key", "client_key", "token_secret", "callback_secret")


def load_documents(path: Path) -> list[dict[str, Any]]:
    """The non-empty YAML documents of one file."""
    return [doc for doc in yaml.safe_load_all(path.read_text()) if doc]


def manifest_files() -> list[Path]:
    """Every YAML file of deploy/kubernetes except the kustomization itself."""
    return sorted(p for p in DEPLOY.glob("*.yaml") if p.name != "kustomization.yaml")


@pytest.fixture(scope="module")
def kustomization() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((DEPLOY / "kustomization.yaml").read_text())
    return loaded


@pytest.fixture(scope="module")
def resources(kustomization: dict[str, Any]) -> list[dict[str, Any]]:
    """What `kubectl apply -k` applies: the documents of every file the kustomization lists."""
    return [doc for name in kustomization["resources"] for doc in load_documents(DEPLOY / name)]


@pytest.fixture(scope="module")
def secret_template() -> dict[str, Any]:
    (doc,) = load_documents(DEPLOY / SECRET_TEMPLATE)
    return doc


@pytest.fixture(scope="module")
def config(resources: list[dict[str, Any]]) -> dict[str, str]:
    """The data of the settings ConfigMap."""
    data: dict[str, str] = find(resources, "ConfigMap", CONFIG_MAP)["data"]
    return data


@pytest.fixture(scope="module")
def compose() -> dict[str, dict[str, Any]]:
    """docker-compose.yml's services (anchors and merges resolved)."""
    services: dict[str, dict[str, Any]] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    return services


def find(resources: list[dict[str, Any]], kind: str, name: str) -> dict[str, Any]:
    found = [r for r in resources if r["kind"] == kind and r["metadata"]["name"] == name]
    assert len(found) == 1, f"expected one {kind} {name}, found {len(found)}"
    return found[0]


def pod_specs(resources: list[dict[str, Any]]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(kind/name, pod spec) of every Deployment and Job."""
    for r in resources:
        if r["kind"] in ("Deployment", "Job"):
            yield f"{r['kind']}/{r['metadata']['name']}", r["spec"]["template"]["spec"]


def containers(spec: dict[str, Any]) -> list[dict[str, Any]]:
    return [*spec.get("initContainers", []), *spec["containers"]]


def questline_containers(resources: list[dict[str, Any]]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(kind/name/container, container) of every container running the Questline image."""
    for where, spec in pod_specs(resources):
        for c in containers(spec):
            if c["image"].split(":")[0] == IMAGE:
                yield f"{where}/{c['name']}", c


def container(resources: list[dict[str, Any]], deployment: str, name: str) -> dict[str, Any]:
    spec = find(resources, "Deployment", deployment)["spec"]["template"]["spec"]
    (found,) = [c for c in spec["containers"] if c["name"] == name]
    result: dict[str, Any] = found
    return result


def setting_names() -> set[str]:
    prefix = Settings.model_config.get("env_prefix", "")
    return {f"{prefix}{name}".upper() for name in Settings.model_fields}


# --- schemas and the kustomization -------------------------------------------------------------


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
@pytest.mark.parametrize("path", manifest_files(), ids=lambda p: p.name)
def test_every_manifest_is_valid_kubernetes(path: Path, version: str) -> None:
    documents = load_documents(path)
    assert documents, f"{path.name} holds no manifest"
    for doc in documents:
        where = f"{path.name}: {doc.get('kind')}/{doc.get('metadata', {}).get('name')}"
        try:
            kubernetes_validate.validate(doc, version, strict=True)
        except kubernetes_validate.ValidationError as exc:
            pytest.fail(f"{where} is not valid Kubernetes {version}: {'.'.join(map(str, exc.path))}: {exc.message}")
        except kubernetes_validate.SchemaNotFoundError as exc:
            pytest.fail(f"{where}: {exc.message}")


def test_kustomization_lists_every_manifest(kustomization: dict[str, Any]) -> None:
    assert kustomization["apiVersion"] == "kustomize.config.k8s.io/v1beta1"
    assert kustomization["kind"] == "Kustomization"
    listed = kustomization["resources"]
    assert len(listed) == len(set(listed)), "a file is listed twice"
    for name in listed:
        assert (DEPLOY / name).is_file(), f"kustomization.yaml lists {name}, which does not exist"
    expected = {p.name for p in manifest_files()} - {SECRET_TEMPLATE}
    assert set(listed) == expected, (
        f"unlisted: {sorted(expected - set(listed))}; extra: {sorted(set(listed) - expected)}"
    )
    assert SECRET_TEMPLATE not in listed, "the Secret template must not be applied over real secrets"
    assert set(kustomization) <= {"apiVersion", "kind", "namespace", "resources", "images"}


def test_everything_lives_in_one_namespace(kustomization: dict[str, Any], resources: list[dict[str, Any]]) -> None:
    namespace = kustomization["namespace"]
    assert find(resources, "Namespace", namespace)
    for r in [*resources, *load_documents(DEPLOY / SECRET_TEMPLATE)]:
        if r["kind"] != "Namespace":
            assert r["metadata"].get("namespace") == namespace, f"{r['kind']}/{r['metadata']['name']}"


def test_temporal_and_postgresql_are_not_shipped(resources: list[dict[str, Any]]) -> None:
    # They run beside Questline (Temporal's Helm chart or Cloud; a managed PostgreSQL or an operator).
    kinds = {r["kind"] for r in resources}
    assert "StatefulSet" not in kinds
    for where, spec in pod_specs(resources):
        for c in containers(spec):
            image = c["image"].split(":")[0]
            assert image == IMAGE or image == "temporalio/admin-tools", f"{where} runs {c['image']}"


# --- settings ------------------------------------------------------------------------------------


def test_every_variable_set_is_a_real_setting(
    resources: list[dict[str, Any]], config: dict[str, str], secret_template: dict[str, Any]
) -> None:
    known = setting_names()
    assert not set(config) - known, f"the ConfigMap sets {sorted(set(config) - known)}, which Settings does not read"
    secret_keys = set(secret_template["stringData"])
    assert not secret_keys - known, f"the Secret sets {sorted(secret_keys - known)}, which Settings does not read"
    for where, c in questline_containers(resources):
        names = {e["name"] for e in c.get("env", [])}
        assert not names - known, f"{where} sets {sorted(names - known)}, which Settings does not read"


def test_references_point_at_shipped_keys(
    resources: list[dict[str, Any]], config: dict[str, str], secret_template: dict[str, Any]
) -> None:
    secret_keys = set(secret_template["stringData"])
    assert secret_template["metadata"]["name"] == SECRET
    for where, spec in pod_specs(resources):
        for c in containers(spec):
            for source in c.get("envFrom", []):
                if "configMapRef" in source:
                    assert source["configMapRef"]["name"] == CONFIG_MAP, where
                if "secretRef" in source:
                    assert source["secretRef"]["name"] == SECRET, where
            for var in c.get("env", []):
                ref = var.get("valueFrom", {})
                if "secretKeyRef" in ref:
                    assert ref["secretKeyRef"]["name"] == SECRET, where
                    assert ref["secretKeyRef"]["key"] in secret_keys, f"{where}: {ref}"
                if "configMapKeyRef" in ref:
                    assert ref["configMapKeyRef"]["name"] == CONFIG_MAP, where
                    assert ref["configMapKeyRef"]["key"] in config, f"{where}: {ref}"


def test_app_containers_get_every_required_setting(
    resources: list[dict[str, Any]], config: dict[str, str], secret_template: dict[str, Any]
) -> None:
    provided = set(config) | set(secret_template["stringData"])
    assert not set(REQUIRED_SETTINGS) - provided, f"nothing sets {sorted(set(REQUIRED_SETTINGS) - provided)}"
    for secret in REQUIRED_SETTINGS[5:]:
        assert secret not in config, f"{secret} belongs in the Secret, not the ConfigMap"
    assert "QUESTLINE_DATABASE_URL" not in config, "the database URL carries a password: Secret"
    for deployment, name in (("questline-api", "api"), ("questline-worker", "worker")):
        sources = {next(iter(s)) for s in container(resources, deployment, name)["envFrom"]}
        assert sources == {"configMapRef", "secretRef"}, f"{deployment} must read the ConfigMap and the Secret"


def test_no_service_links_shadow_settings(resources: list[dict[str, Any]]) -> None:
    # Kubernetes would otherwise inject QUESTLINE_API_PORT=tcp://10.x.y.z:80 (and more QUESTLINE_API_*)
    # for the `questline-api` Service into every pod that does not set it: a broken port setting.
    services = [r["metadata"]["name"] for r in resources if r["kind"] == "Service"]
    assert any(name.upper().replace("-", "_").startswith("QUESTLINE") for name in services)
    for where, spec in pod_specs(resources):
        assert spec.get("enableServiceLinks") is False, f"{where}: service links would shadow settings"


def test_migrations_get_only_the_database_url(resources: list[dict[str, Any]]) -> None:
    # db/migrate.py reads QUESTLINE_DATABASE_URL alone; the API's secrets stay out of it.
    for where, c in questline_containers(resources):
        if c["command"] == ["python", "-m", "db.migrate"]:
            assert "envFrom" not in c, where
            assert [e["name"] for e in c["env"]] == ["QUESTLINE_DATABASE_URL"], where


def _environment(config: dict[str, str], stringdata: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    for var in os.environ:
        if var.startswith("QUESTLINE_"):
            monkeypatch.delenv(var)
    for var, value in {**config, **stringdata}.items():
        monkeypatch.setenv(var, value)


def test_settings_load_from_the_manifests(
    config: dict[str, str], secret_template: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    filled = dict(secret_template["stringData"])
    for name in SECRET_SETTINGS:
        filled[f"QUESTLINE_{name.upper()}"] = secrets.token_hex(32)
    _environment(config, filled, monkeypatch)
    settings = Settings()
    assert settings.env == "production"
    assert settings.sqlalchemy_url().startswith("postgresql+psycopg://")
    assert settings.temporal_address.endswith(":7233")
    assert settings.upload_store == "s3", "several API replicas cannot share the local upload store"


def test_the_secret_template_cannot_go_live_unedited(
    config: dict[str, str], secret_template: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    _environment(config, secret_template["stringData"], monkeypatch)
    # SettingsError, raised in a validator, reaches the caller as pydantic's ValidationError.
    with pytest.raises(ValidationError) as refused:
        Settings()
    for name in SECRET_SETTINGS:
        assert f"QUESTLINE_{name.upper()}" in str(refused.value)


def test_connection_budget_in_the_comments_is_the_real_one(
    resources: list[dict[str, Any]], config: dict[str, str]
) -> None:
    pods = sum(r["spec"]["maxReplicas"] for r in resources if r["kind"] == "HorizontalPodAutoscaler")
    pool = int(config["QUESTLINE_DB_POOL_SIZE"])
    total = pods * 2 * pool
    assert f"{pods} x 2 x {pool} = {total}" in (DEPLOY / "configmap.yaml").read_text()
    assert f"= {total} at peak" in (DEPLOY / "autoscaling.yaml").read_text()


# --- image and commands --------------------------------------------------------------------------


def test_image_is_the_dockerfiles(
    resources: list[dict[str, Any]], kustomization: dict[str, Any], compose: dict[str, dict[str, Any]]
) -> None:
    # compose builds the Dockerfile (`build: .`) and tags it questline:<version>.
    for name in ("migrate", "api", "worker"):
        assert compose[name]["build"] == "."
        assert compose[name]["image"].split(":")[0] == IMAGE
    assert [i["name"] for i in kustomization["images"]] == [IMAGE]
    app = list(questline_containers(resources))
    assert len(app) >= 5, "migrate Job, API and worker (each with a migrate initContainer)"
    for where, c in app:
        assert c["image"] == f"{IMAGE}:latest", f"{where}: one image, retagged by kustomization.yaml"
    dockerfile = (ROOT / "Dockerfile").read_text()
    uid = int(re.search(r"--uid (\d+)", dockerfile).group(1))  # type: ignore[union-attr]
    for where, spec in pod_specs(resources):
        if any(c["image"].split(":")[0] == IMAGE for c in spec["containers"]):
            assert spec["securityContext"]["runAsUser"] == uid, where
            assert spec["securityContext"]["runAsNonRoot"] is True, where


def test_commands_are_composes(resources: list[dict[str, Any]], compose: dict[str, dict[str, Any]]) -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    cmd = json.loads(re.search(r"^CMD (\[.*\])$", dockerfile, re.M).group(1))  # type: ignore[union-attr]
    api = container(resources, "questline-api", "api")
    assert api["command"] == compose["api"]["command"] == cmd
    assert container(resources, "questline-worker", "worker")["command"] == compose["worker"]["command"]
    job = find(resources, "Job", "questline-migrate")["spec"]["template"]["spec"]
    assert job["containers"][0]["command"] == compose["migrate"]["command"]
    assert job["restartPolicy"] == "Never"
    for deployment in ("questline-api", "questline-worker"):
        spec = find(resources, "Deployment", deployment)["spec"]["template"]["spec"]
        assert [c["command"] for c in spec["initContainers"]] == [compose["migrate"]["command"]], deployment


def test_every_container_has_requests_and_limits(resources: list[dict[str, Any]]) -> None:
    units = {"m": 1e-3, "Mi": 2**20, "Gi": 2**30, "": 1}

    def quantity(value: str) -> float:
        number, unit = re.fullmatch(r"([\d.]+)(m|Mi|Gi|)", str(value)).groups()  # type: ignore[union-attr]
        return float(number) * units[unit]

    for where, spec in pod_specs(resources):
        for c in containers(spec):
            res = c.get("resources", {})
            for kind in ("cpu", "memory"):
                request, limit = res["requests"][kind], res["limits"][kind]
                assert quantity(request) <= quantity(limit), f"{where}/{c['name']}: {kind} request above limit"


# --- probes, ports, drain ------------------------------------------------------------------------


async def test_probes_hit_routes_the_app_serves(resources: list[dict[str, Any]]) -> None:
    api = container(resources, "questline-api", "api")
    assert api["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert api["readinessProbe"]["httpGet"]["path"] == "/readyz"
    app = create_app(Settings(env="test"))
    documented = app.openapi()["paths"]
    ports = {p["name"]: p["containerPort"] for p in api["ports"]}
    for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
        get = api[probe]["httpGet"]
        path = get["path"]
        assert "get" in documented.get(path, {}), f"{probe}: the app documents no GET {path}"
        scope = {"type": "http", "path": path, "method": "GET", "root_path": ""}
        assert any(route.matches(scope)[0] == Match.FULL for route in app.router.routes), f"{probe}: {path}"
        assert ports[get["port"]] == 8000, f"{probe} must probe the API's port"
    # /healthz needs nothing but the process (no lifespan here: no database, no Temporal).
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://q.test") as http:
        answer = await http.get(api["livenessProbe"]["httpGet"]["path"])
    assert answer.status_code == 200 and answer.json()["status"] == "ok"
    # The readiness checks run one after the other, each within CHECK_TIMEOUT.
    assert api["readinessProbe"]["timeoutSeconds"] > 2 * CHECK_TIMEOUT


def test_ports_agree(resources: list[dict[str, Any]], config: dict[str, str]) -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    exposed = int(re.search(r"^EXPOSE (\d+)$", dockerfile, re.M).group(1))  # type: ignore[union-attr]
    api = container(resources, "questline-api", "api")
    command = api["command"]
    assert int(command[command.index("--port") + 1]) == exposed == int(config["QUESTLINE_API_PORT"])
    assert {p["containerPort"] for p in api["ports"]} == {exposed}
    service = find(resources, "Service", "questline-api")
    assert {p["targetPort"] for p in service["spec"]["ports"]} == {p["name"] for p in api["ports"]}
    worker = container(resources, "questline-worker", "worker")
    assert [p["containerPort"] for p in worker["ports"]] == [int(config["QUESTLINE_WORKER_METRICS_PORT"])]
    assert config["QUESTLINE_WORKER_METRICS_HOST"] == "0.0.0.0"


def _worker_shutdown_timeout(settings: Settings) -> float:
    """The graceful_shutdown_timeout worker.py gives its Temporal Worker, in seconds, under
    `settings`: a setting it reads (`settings.<name>`), a `timedelta(...)`, or the SDK's default
    when it passes none."""
    tree = ast.parse((ROOT / "worker.py").read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Worker":
            for keyword in node.keywords:
                if keyword.arg != "graceful_shutdown_timeout":
                    continue
                value = keyword.value
                if isinstance(value, ast.Attribute) and getattr(value.value, "id", None) == "settings":
                    found = getattr(settings, value.attr)
                else:
                    found = eval(compile(ast.Expression(value), "worker.py", "eval"), {"timedelta": timedelta})
                return float(found.total_seconds() if isinstance(found, timedelta) else found)
    default = inspect.signature(Worker).parameters["graceful_shutdown_timeout"].default
    return float(default.total_seconds())


def test_workers_drain_within_their_grace_period(
    resources: list[dict[str, Any]],
    config: dict[str, str],
    secret_template: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    spec = find(resources, "Deployment", "questline-worker")["spec"]["template"]["spec"]
    grace = spec["terminationGracePeriodSeconds"]
    # Activities get the shutdown timeout, then workflow tasks in flight (10 s task timeout) end,
    # then the relays and pools close: 30 s on top of the timeout covers it.
    # The timeout as the manifests configure it (a setting's default unless the ConfigMap sets it).
    _environment(config, secret_template["stringData"], monkeypatch)
    monkeypatch.setenv("QUESTLINE_ENV", "test")
    assert grace >= _worker_shutdown_timeout(Settings()) + 30
    worker = container(resources, "questline-worker", "worker")
    assert "preStop" not in worker.get("lifecycle", {}), "a preStop sleep would only delay the drain"
    api_spec = find(resources, "Deployment", "questline-api")["spec"]["template"]["spec"]
    api = container(resources, "questline-api", "api")
    pre_stop = api["lifecycle"]["preStop"]["exec"]["command"]
    assert pre_stop[0] == "sleep" and int(pre_stop[1]) < api_spec["terminationGracePeriodSeconds"]


def test_autoscalers_and_budgets_cover_both_deployments(resources: list[dict[str, Any]]) -> None:
    for name in ("questline-api", "questline-worker"):
        deployment = find(resources, "Deployment", name)
        assert "replicas" not in deployment["spec"], f"{name}: the autoscaler owns the replica count"
        pod_labels = deployment["spec"]["template"]["metadata"]["labels"]
        selector = deployment["spec"]["selector"]["matchLabels"]
        assert selector.items() <= pod_labels.items()
        hpa = find(resources, "HorizontalPodAutoscaler", name)
        assert hpa["spec"]["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": name}
        assert hpa["spec"]["minReplicas"] >= 2
        pdb = find(resources, "PodDisruptionBudget", name)
        assert pdb["spec"]["selector"]["matchLabels"].items() <= pod_labels.items()
        # With the autoscaler's minimum, a node drain always leaves one pod.
        if "minAvailable" in pdb["spec"]:
            assert pdb["spec"]["minAvailable"] < hpa["spec"]["minReplicas"]
        else:
            assert pdb["spec"]["maxUnavailable"] < hpa["spec"]["minReplicas"]
        spec = deployment["spec"]["strategy"]["rollingUpdate"]
        assert spec["maxUnavailable"] == 0, f"{name}: a rollout must not drop capacity"


def test_temporal_setup_registers_the_apps_namespace_and_search_attributes(
    resources: list[dict[str, Any]], compose: dict[str, dict[str, Any]]
) -> None:
    spec = find(resources, "Job", "questline-temporal-setup")["spec"]["template"]["spec"]
    (setup,) = spec["containers"]
    # The admin tools compose uses by default, made for the Temporal server it runs.
    assert setup["image"] == interpolate(compose["temporal-setup"]["image"], {})
    words = shlex.split(setup["command"][-1].replace("\\\n", " "))
    names = [words[i + 1] for i, w in enumerate(words) if w == "--name"]
    types = [words[i + 1] for i, w in enumerate(words) if w == "--type"]
    assert dict(zip(names, types, strict=True)) == dict(SEARCH_ATTRIBUTES)
    env = {e["name"]: e["valueFrom"]["configMapKeyRef"]["key"] for e in setup["env"]}
    assert env == {"ADDRESS": "QUESTLINE_TEMPORAL_ADDRESS", "NAMESPACE": "QUESTLINE_TEMPORAL_NAMESPACE"}
    assert "--retention" in words
