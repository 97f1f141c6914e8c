"""An import-linter contract type the built-in ones cannot express: "only these modules may import
these submodules of an external package" (e.g. only the gateway imports `temporalio.client`).

import-linter squashes an external package into one node (`temporalio`), so a `forbidden` contract
can only forbid all of it; but workflows and activities must import `temporalio.workflow` and
`temporalio.activity`. This contract reads each import's line instead. Registered in
`pyproject.toml` under `[tool.importlinter] contract_types` and run by `lint-imports`
(`make lint`, `make test`).
"""

from __future__ import annotations

import re
from typing import Any

from grimp import ImportGraph
from importlinter import Contract, ContractCheck, fields, output


class OnlyImportersContract(Contract):
    """Only `importers` (and their submodules) may import any of `submodules` of `package`."""

    type_name = "only_importers"

    package = fields.StringField()
    submodules = fields.ListField(subfield=fields.StringField())
    importers = fields.ListField(subfield=fields.StringField())

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        package: str = self.package  # type: ignore[assignment]
        subs: list[str] = self.submodules  # type: ignore[assignment]
        allowed: list[str] = self.importers  # type: ignore[assignment]
        pattern = re.compile(r"\b(" + "|".join(re.escape(s) for s in subs) + r")\b")
        violations: list[dict[str, Any]] = []
        for importer in sorted(graph.find_modules_that_directly_import(package)):
            if any(importer == a or importer.startswith(a + ".") for a in allowed):
                continue
            for detail in graph.get_import_details(importer=importer, imported=package):
                found = pattern.search(str(detail["line_contents"]))
                if found:
                    violations.append({"importer": importer, "imported": found.group(1), "line": detail["line_number"]})
        return ContractCheck(kept=not violations, metadata={"violations": violations})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for v in check.metadata["violations"]:
            output.print_error(f"{v['importer']} imports {v['imported']} (l.{v['line']})", bold=False)
