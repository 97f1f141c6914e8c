"""The layer contracts can fail: the project's own contract type (`only_importers`) flags an
import of `temporalio.client` outside the gateway, and the repository's contracts hold today."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"

CONFIG = """
[tool.importlinter]
root_packages = ["app"]
include_external_packages = true
contract_types = ["only_importers: devstack.import_contracts.OnlyImportersContract"]

[[tool.importlinter.contracts]]
id = "one-door"
name = "only the gateway imports temporalio.client"
type = "only_importers"
package = "temporalio"
submodules = ["temporalio.client", "temporalio.service"]
importers = ["app.gateway"]
"""


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tree), str(ROOT)])}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", str(tree / "pyproject.toml")],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _package(tree: Path, modules: dict[str, str]) -> None:
    (tree / "app").mkdir()
    (tree / "app" / "__init__.py").write_text("")
    for name, source in modules.items():
        (tree / "app" / f"{name}.py").write_text(textwrap.dedent(source))
    (tree / "pyproject.toml").write_text(CONFIG)


def test_an_import_of_temporalio_client_outside_the_gateway_breaks_the_contract(tmp_path: Path) -> None:
    _package(
        tmp_path,
        {
            "gateway": "from temporalio.client import Client\n",
            "workflows": "from temporalio import workflow\n",
            "routes": "import json\nfrom temporalio.service import RPCError\n",
        },
    )
    result = _lint(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "app.routes imports temporalio.service (l.2)" in result.stdout
    assert "app.gateway" not in result.stdout.split("Broken contracts")[-1]
    assert "app.workflows" not in result.stdout.split("Broken contracts")[-1]


def test_the_same_tree_without_it_keeps_the_contract(tmp_path: Path) -> None:
    _package(
        tmp_path,
        {"gateway": "from temporalio.client import Client\n", "workflows": "from temporalio import workflow\n"},
    )
    result = _lint(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_repositorys_layers_hold() -> None:
    result = subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
