"""A receiver's signature check refuses, never crashes on, a header with non-ASCII characters."""

from __future__ import annotations

import pytest

from domain.callbacks import SignatureError, sign, verify

SECRET = "whsec-0123456789abcdef"
BODY = b'{"id":"cb_1"}'
T = 1_800_000_000


@pytest.mark.parametrize("signature", ["\xe9" * 64, "abc\u00ff", "\ud800", "\U0001f98a"])
def test_a_non_ascii_signature_is_a_mismatch(signature: str) -> None:
    with pytest.raises(SignatureError) as raised:
        verify(SECRET, f"t={T},v1={signature}", BODY, now=T)
    assert raised.value.reason == "mismatch"


def test_a_valid_signature_next_to_a_non_ascii_one_still_verifies() -> None:
    header = sign(SECRET, T, BODY) + ",v1=\xe9\xe9"
    assert verify(SECRET, header, BODY, now=T) == T
