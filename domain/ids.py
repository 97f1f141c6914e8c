"""Which strings are user ids: one rule for every way an operator names a user. Pure.

A user id keys a user's journeys, ledger and profile, appears in workflow ids
(`enrolment:<mission>:<user>`), ledger keys and callback bodies, and is shown to operators. So an
id must mean one user, look like that user, and survive every hop unchanged:

- 1 to `MAX_USER_ID` characters;
- none of `/ : ? # %` (path and workflow-id separators) nor whitespace of any kind;
- no control (Cc), format (Cf: bidi overrides, zero-width joiners, BOM), surrogate (Cs),
  private-use (Co) or unassigned (Cn) code point, no other default-ignorable (invisible)
  character, and no U+FFFD: that is what invalid UTF-8 turns into, so two different byte
  strings would become one user;
- in Unicode normal form NFC, so one visible id is one user (`é` precomposed and `e` + U+0301
  look the same and would otherwise be two).

Everything else is accepted: emails, UUIDs, numbers, `tenant-123`, `tenant.123`, `tenant|123`,
letters of any script, emoji.
"""

from __future__ import annotations

import unicodedata

MAX_USER_ID = 200

#: Characters that separate parts of paths, queries and workflow ids.
SEPARATORS = frozenset("/:?#%")

#: Unicode general categories refused anywhere in an id.
_CATEGORIES = {
    "Cc": "a control character",
    "Cf": "an invisible format character",
    "Cs": "a surrogate",
    "Co": "a private-use character",
    "Cn": "an unassigned code point",
    "Zs": "whitespace",
    "Zl": "a line separator",
    "Zp": "a paragraph separator",
}

#: Default_Ignorable_Code_Point (Unicode DerivedCoreProperties) outside category Cf/Cn: invisible
#: letters and marks (Hangul fillers, variation selectors, the combining grapheme joiner).
_INVISIBLE = (
    (0x034F, 0x034F),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFFA0, 0xFFA0),
    (0xE0100, 0xE01EF),
)

RULE = (
    f"1 to {MAX_USER_ID} characters, NFC-normalised, without whitespace, / : ? # %, control, "
    "format (bidi, zero-width), invisible, private-use or unassigned characters, or U+FFFD"
)


def _describe(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def _char_problem(char: str) -> str | None:
    if char in SEPARATORS:
        return f"{char!r}, a separator"
    if char == "\ufffd":
        return "U+FFFD (REPLACEMENT CHARACTER), which stands for invalid UTF-8"
    if kind := _CATEGORIES.get(unicodedata.category(char)):
        return f"{_describe(char)}, {kind}"
    code = ord(char)
    if any(low <= code <= high for low, high in _INVISIBLE):
        return f"{_describe(char)}, an invisible character"
    return None


def user_id_problem(value: str) -> str | None:
    """Why `value` is not a user id (a sentence naming the offending character), or None."""
    if not value:
        return "must not be empty"
    if len(value) > MAX_USER_ID:
        return f"must be at most {MAX_USER_ID} characters (got {len(value)})"
    for position, char in enumerate(value):
        if problem := _char_problem(char):
            return f"contains {problem} (position {position}); a user id is {RULE}"
    if not unicodedata.is_normalized("NFC", value):
        return f"is not in Unicode normal form NFC; send {unicodedata.normalize('NFC', value)!r} instead"
    return None


def check_user_id(value: str) -> str:
    """`value` when it is a user id; `ValueError` naming the problem otherwise (for pydantic)."""
    if problem := user_id_problem(value):
        raise ValueError(f"user id {problem}")
    return value
