"""Static segments' members (docs/missions.md §7): the CSV file an operator uploads.

Pure: parses text, no I/O.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from domain.errors import Invalid
from domain.ids import user_id_problem

# --- static segments: CSV upload ---------------------------------------------------------------

_USER_ID = re.compile(r"^[^\s/:?#%]+$")
_MAX_USER_ID = 200


def _id_problem(user_id: str) -> str | None:
    if not user_id:
        return "empty user id"
    if len(user_id) > _MAX_USER_ID:
        return f"user id longer than {_MAX_USER_ID} characters"
    if not _USER_ID.match(user_id):
        return "user id contains whitespace or one of / : ? # %"
    # The rest of the API's one rule (control, invisible, U+FFFD, NFC): a CSV adds the same users.
    problem = user_id_problem(user_id)
    return None if problem is None else f"user id {problem}"


def parse_member_csv(text: str, *, max_rows: int = 100_000) -> tuple[list[str], list[dict[str, Any]]]:
    """The user ids of a static segment's CSV file, and the rows refused.

    The first (non-blank) row is a header naming a `user_id` column, in any case; other columns
    are ignored. A header is required, even for a single column: a file whose first row could be
    an id or a header would be guessed at, and a wrong guess silently adds or drops a user. Ids
    are taken as written (no trimming) and must be API user ids (`domain.ids`: 1-200 characters,
    no whitespace, no / : ? # %, no control or invisible characters, NFC). Blank lines are
    skipped; a BOM, CRLF and quoted fields (even spanning lines) are handled.

    Returns the unique valid ids in file order, and `{"line": n, "reason": ...}` for each row
    refused, `n` the 1-based line the row starts on: a bad id, `duplicate of line N`, and once
    `more than max_rows rows`, after which the rest of the file is not read. Raises
    `Invalid("invalid_csv")` without a `user_id` header or when the file is not readable CSV.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""))
    user_ids: list[str] = []
    errors: list[dict[str, Any]] = []
    first_line: dict[str, int] = {}
    column: int | None = None
    rows = 0
    line = 1
    try:
        for record in reader:
            start, line = line, reader.line_num + 1
            if not record:
                continue  # a blank line
            if column is None:
                column = _user_id_column(record, start)
                continue
            rows += 1
            if rows > max_rows:
                errors.append({"line": start, "reason": f"more than {max_rows} rows; the rest was not read"})
                break
            user_id = record[column] if column < len(record) else ""
            problem = _id_problem(user_id)
            if problem is None and user_id in first_line:
                problem = f"duplicate of line {first_line[user_id]}"
            if problem is not None:
                errors.append({"line": start, "reason": problem})
                continue
            first_line[user_id] = start
            user_ids.append(user_id)
    except csv.Error as exc:
        raise Invalid(
            "invalid_csv", f"the file is not readable CSV: {exc}", [{"line": line, "reason": str(exc)}]
        ) from exc
    if column is None:
        raise Invalid("invalid_csv", "the file is empty; it needs a user_id header", [{"line": 1, "reason": "empty"}])
    return user_ids, errors


def _user_id_column(header: list[str], line: int) -> int:
    names = [cell.strip().lstrip("\ufeff").lower() for cell in header]
    found = [i for i, name in enumerate(names) if name == "user_id"]
    if len(found) == 1:
        return found[0]
    if found:
        reason = "the header names user_id more than once"
    else:
        reason = "the first row must be a header with a user_id column (for a lone column of ids, add a line user_id)"
    raise Invalid("invalid_csv", reason, [{"line": line, "reason": reason}])
