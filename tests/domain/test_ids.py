"""The user id rule (domain/ids.py): what operators use passes; what hides or changes text does not."""

from __future__ import annotations

import pytest

from domain.ids import MAX_USER_ID, check_user_id, user_id_problem


@pytest.mark.parametrize(
    "value",
    [
        "alice",
        "alice+tag@example.com",
        "0b6c4e1e-7f6b-4a8e-9a1d-3c2b1a0f9e8d",
        "42",
        "tenant.123",
        "tenant|123",
        "josé",
        "用户-1",
        "🦊",
        "x" * MAX_USER_ID,
    ],
)
def test_operator_ids_are_user_ids(value: str) -> None:
    assert user_id_problem(value) is None
    assert check_user_id(value) == value


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("", "empty"),
        ("x" * (MAX_USER_ID + 1), "at most 200"),
        ("a:b", "separator"),
        ("a/b", "separator"),
        ("a b", "whitespace"),
        ("a\u00a0b", "whitespace"),
        ("a\tb", "control"),
        ("a\x00b", "control"),
        ("a\u202eb", "RIGHT-TO-LEFT OVERRIDE"),
        ("a\u200bb", "ZERO WIDTH SPACE"),
        ("a\ufeffb", "format"),
        ("a\ud800b", "surrogate"),
        ("a\ue000b", "private-use"),
        ("a\U000e0080b", "unassigned"),
        ("a\u3164b", "invisible"),
        ("a\ufe0fb", "invisible"),
        ("a\ufffdb", "invalid UTF-8"),
        ("e\u0301", "NFC"),
    ],
)
def test_hidden_or_unstable_characters_are_refused_by_name(value: str, says: str) -> None:
    problem = user_id_problem(value)
    assert problem is not None and says in problem, problem
    with pytest.raises(ValueError, match="user id"):
        check_user_id(value)
