"""The OpenAPI document generates complete clients, and the committed Python client is current.

Both generators run offline from their packages (openapi-python-client; OpenAPI Generator's
`typescript-fetch` from `openapi-generator-cli`, on the local Java). `clients/generate.py` fails a
run in which a generator drops an endpoint or a model; these tests add what a reviewer would ask:
the committed client is what the document generates today (regenerate with `make clients`), and
the models a client needs to read a mission are there in both languages.
"""

from __future__ import annotations

import filecmp
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "clients"))
import generate  # noqa: E402  (clients/ is not a package: the script is imported by path)

#: What a client cannot do without: read a mission (its goal union), a list, a user's challenges.
MODELS = ("MissionOut", "MissionListPage", "ChallengeView", "ChallengeViews", "MissionView", "MissionViews")


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate.write_document(generate.openapi_document(), tmp_path_factory.mktemp("doc") / "openapi.json")


def _tree(root: Path) -> dict[str, Path]:
    return {str(p.relative_to(root)): p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts}


def test_the_committed_python_client_is_what_the_document_generates(document: Path, tmp_path: Path) -> None:
    fresh = generate.generate_python(document, tmp_path / generate.PACKAGE).path
    committed = generate.PYTHON_OUT / generate.PACKAGE
    new, old = _tree(fresh), _tree(committed)
    added = sorted(set(new) - set(old))
    removed = sorted(set(old) - set(new))
    changed = sorted(name for name in set(new) & set(old) if not filecmp.cmp(new[name], old[name], shallow=False))
    assert not (added or removed or changed), (
        "clients/python is stale: run `make clients` and commit it "
        f"(added {added[:10]}, removed {removed[:10]}, changed {changed[:10]})"
    )


def test_the_python_client_has_the_models_that_read_a_mission(document: Path, tmp_path: Path) -> None:
    package = generate.generate_python(document, tmp_path / generate.PACKAGE).path
    classes = "\n".join(p.read_text(encoding="utf-8") for p in (package / "models").glob("*.py"))
    for model in MODELS:
        assert f"class {model}:" in classes or f"class {model}(" in classes, model


def test_typescript_fetch_generates_every_endpoint_and_model(document: Path, tmp_path: Path) -> None:
    assert shutil.which("java"), "OpenAPI Generator runs on Java: install a JRE (Debian: default-jre-headless)"
    out = generate.generate_typescript(document, tmp_path / "typescript").path
    assert generate.missing_typescript_parts(generate.openapi_document(), out) == []
    models = {p.stem for p in (out / "src" / "models").glob("*.ts")}
    assert set(MODELS) <= models
    # A goal of the union is typed, not `any`: the mission's goal field names its union type.
    mission = (out / "src" / "models" / "MissionOut.ts").read_text(encoding="utf-8")
    assert "goal: " in mission and "goal: any" not in mission
