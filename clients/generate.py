"""Generates Questline's typed clients from the OpenAPI document of `create_app()` (no server needed).

    python clients/generate.py                       # rewrite clients/python (committed)
    python clients/generate.py --python-out DIR --typescript-out DIR

The Python client comes from openapi-python-client, the TypeScript client from OpenAPI Generator's
`typescript-fetch` (the PyPI package `openapi-generator-cli`, which bundles the generator's jar
and runs it on the local Java: nothing is downloaded). Both run offline.

A generator that drops part of the document — a schema it cannot read, an endpoint it skips, a
response it leaves out — fails the run (`GenerationError`) naming what was lost, so a client is
either complete or not written at all.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PYTHON_CONFIG = HERE / "python-config.yaml"
#: The committed client: `clients/python` on sys.path makes `import questline_client` work.
PYTHON_OUT = HERE / "python"
PACKAGE = "questline_client"

#: What openapi-python-client prints when it leaves something out of the client.
PYTHON_LOSSES = (
    "Unable to parse",
    "Unable to process",
    "Failure to process",
    "will not be generated",
    "will be omitted",
    "Could not find reference",
    "Warning(s) encountered",
    "Skipping Integration",
)
#: OpenAPI Generator's warnings that lose nothing: 3.1 support being "beta", and the name it cannot
#: give an `anyOf` of two strings (an action button's URL or deep link; the model is still typed).
TYPESCRIPT_BENIGN = (
    "OpenAPI 3.1 support is still in beta",
    "Failed to get the schema name: null",
)


class GenerationError(RuntimeError):
    """A generator failed, or left part of the document out of its client."""


@dataclass(frozen=True)
class Generated:
    """Where a generator wrote its client, and what it printed."""

    path: Path
    log: str


def openapi_document() -> dict[str, Any]:
    """The document `/openapi.json` serves, built from the app without starting it."""
    sys.path.insert(0, str(ROOT))
    from api.app import create_app
    from settings import Settings

    doc: dict[str, Any] = create_app(Settings(env="test")).openapi()
    return doc


def write_document(doc: dict[str, Any], path: Path) -> Path:
    """The document as stable JSON (sorted keys), so the same routes give the same bytes."""
    path.write_text(json.dumps(doc, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


def _tool_env() -> dict[str, str]:
    """The environment of a generator: this interpreter's scripts (ruff) first on the PATH."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


def _run(command: Sequence[str], cwd: Path) -> str:
    done = subprocess.run(command, cwd=cwd, env=_tool_env(), capture_output=True, text=True, check=False)
    log = done.stdout + done.stderr
    if done.returncode != 0:
        raise GenerationError(f"{command[0]} exited with {done.returncode}:\n{log}")
    return log


def _script(name: str) -> str:
    """A console script installed beside this interpreter (the venv's), else on the PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        raise GenerationError(f"{name} is not installed: pip install {name}")
    return found


def generate_python(document: Path, out: Path) -> Generated:
    """openapi-python-client's client of `document` in `out` (the package directory itself)."""
    if out.exists():
        shutil.rmtree(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    log = _run(
        [
            _script("openapi-python-client"),
            "generate",
            "--path",
            str(document),
            "--output-path",
            str(out),
            "--meta",
            "none",
            "--config",
            str(PYTHON_CONFIG),
            "--fail-on-warning",
        ],
        cwd=out.parent,
    )
    lost = [line for line in log.splitlines() if any(marker in line for marker in PYTHON_LOSSES)]
    if lost:
        raise GenerationError("openapi-python-client left part of the document out:\n" + log)
    missing = missing_python_parts(json.loads(document.read_text(encoding="utf-8")), out)
    if missing:
        raise GenerationError("openapi-python-client generated no code for:\n" + "\n".join(missing))
    return Generated(out, log)


def generate_typescript(document: Path, out: Path) -> Generated:
    """OpenAPI Generator's `typescript-fetch` client of `document` in `out`."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    log = _run(
        [
            _script("openapi-generator-cli"),
            "generate",
            "--input-spec",
            str(document),
            "--generator-name",
            "typescript-fetch",
            "--output",
            str(out),
            # Every schema gets its model, also those only used as a multipart form (proof uploads).
            "--global-property",
            "skipFormModel=false",
            "--additional-properties",
            "supportsES6=true,npmName=questline-client",
        ],
        cwd=out,
    )
    bad = [
        line
        for line in log.splitlines()
        if re.search(r"\b(WARN|ERROR)\b|not generated|[Ss]kipp", line)
        and not any(benign in line for benign in TYPESCRIPT_BENIGN)
    ]
    if bad:
        raise GenerationError("typescript-fetch warned:\n" + "\n".join(bad))
    missing = missing_typescript_parts(json.loads(document.read_text(encoding="utf-8")), out)
    if missing:
        raise GenerationError("typescript-fetch generated no code for:\n" + "\n".join(missing))
    return Generated(out, log)


def operation_ids(doc: dict[str, Any]) -> list[str]:
    """The operationId of every operation of the document."""
    methods = {"get", "put", "post", "delete", "patch"}
    return sorted(op["operationId"] for item in doc["paths"].values() for m, op in item.items() if m in methods)


def _object_schemas(doc: dict[str, Any]) -> Iterable[str]:
    """The component schemas that are models (objects) or enums, which each generator writes."""
    for name, schema in doc["components"]["schemas"].items():
        if schema.get("type") == "object" or "properties" in schema or "enum" in schema:
            yield name


def missing_python_parts(doc: dict[str, Any], package: Path) -> list[str]:
    """The operations and schemas of `doc` that have no code in the generated Python package."""
    from openapi_python_client.config import ConfigFile
    from openapi_python_client.strings import ClassName, PythonIdentifier

    prefix = ConfigFile.load_from_path(PYTHON_CONFIG).field_prefix
    modules = {p.stem for p in (package / "api").rglob("*.py")}
    missing = [f"endpoint {op}" for op in operation_ids(doc) if PythonIdentifier(op, prefix) not in modules]
    classes = set()
    for source in (package / "models").glob("*.py"):
        classes.update(re.findall(r"^class (\w+)", source.read_text(encoding="utf-8"), flags=re.MULTILINE))
    missing += [f"schema {name}" for name in _object_schemas(doc) if ClassName(name, prefix) not in classes]
    return missing


def _typescript_name(name: str) -> str:
    """OpenAPI Generator's model name for a schema name (camelized, separators dropped)."""
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^A-Za-z0-9]+", name) if part)


def missing_typescript_parts(doc: dict[str, Any], out: Path) -> list[str]:
    """The operations and schemas of `doc` that have no code in the generated TypeScript client."""
    src = out / "src"  # with an npmName the client is a package: sources under src/
    models = {p.stem for p in (src / "models").glob("*.ts")}
    missing = [f"schema {name}" for name in _object_schemas(doc) if _typescript_name(name) not in models]
    apis = "\n".join(p.read_text(encoding="utf-8") for p in (src / "apis").glob("*.ts"))
    for op in operation_ids(doc):
        first, *rest = [part for part in op.split("_") if part]
        method = first + "".join(part[:1].upper() + part[1:] for part in rest)
        if f"async {method}Raw(" not in apis:
            missing.append(f"endpoint {op}")
    return missing


def generate(python_out: Path | None, typescript_out: Path | None) -> list[Generated]:
    """Both clients of the app's document (each only where asked); raises `GenerationError`."""
    done = []
    with tempfile.TemporaryDirectory(prefix="questline-clients-") as tmp:
        document = write_document(openapi_document(), Path(tmp) / "openapi.json")
        if python_out is not None:
            # Generated in a scratch directory, then moved: a failed run leaves the committed one alone.
            fresh = generate_python(document, Path(tmp) / PACKAGE)
            if python_out.exists():
                shutil.rmtree(python_out)
            python_out.parent.mkdir(parents=True, exist_ok=True)
            shutil.copytree(fresh.path, python_out)
            done.append(Generated(python_out, fresh.log))
        if typescript_out is not None:
            done.append(generate_typescript(document, typescript_out))
    return done


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: see the module's docstring."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--python-out", type=Path, default=PYTHON_OUT / PACKAGE, help="the Python package directory")
    parser.add_argument("--typescript-out", type=Path, help="the TypeScript client (default: a temp dir)")
    args = parser.parse_args(argv)
    # The generators run in the output directory: relative paths are the caller's, made absolute.
    args.python_out = args.python_out.resolve()
    if args.typescript_out is not None:
        args.typescript_out = args.typescript_out.resolve()
    try:
        if args.typescript_out is None:
            with tempfile.TemporaryDirectory(prefix="questline-ts-") as ts:
                generated = generate(args.python_out, Path(ts) / "typescript")
        else:
            generated = generate(args.python_out, args.typescript_out)
    except GenerationError as error:
        print(f"clients/generate.py: {error}", file=sys.stderr)
        return 1
    for client in generated:
        print(f"generated {client.path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
