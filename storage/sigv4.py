"""AWS Signature Version 4 for S3 requests (the `Authorization` header form).

The steps of AWS's "Signature Calculations for the Authorization Header": a canonical request,
a string to sign over its hash, a key derived from the secret by date, region and service, and
the header naming the signed headers. S3 differs from other services in two ways, both kept
here: the path is signed exactly as sent (encoded once, never normalised), and the payload hash
is sent as `x-amz-content-sha256` and signed.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from datetime import UTC, datetime
from urllib.parse import quote

import httpx

ALGORITHM = "AWS4-HMAC-SHA256"
#: SHA-256 of an empty payload.
EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()


def uri_encode(value: str) -> str:
    """Percent-encodes everything but RFC 3986's unreserved characters (AWS's UriEncode)."""
    return quote(value, safe="-_.~")


def _hmac(key: bytes, msg: str) -> bytes:
    return hmac.new(key, msg.encode(), hashlib.sha256).digest()


def signing_key(secret_key: str, date: str, region: str, service: str) -> bytes:
    """The key of one day, region and service, derived from the secret."""
    k_date = _hmac(("AWS4" + secret_key).encode(), date)
    return _hmac(_hmac(_hmac(k_date, region), service), "aws4_request")


def canonical_query(url: httpx.URL) -> str:
    """The query parameters encoded, sorted by name then value, joined by `&`."""
    pairs = sorted((uri_encode(k), uri_encode(v)) for k, v in url.params.multi_items())
    return "&".join(f"{k}={v}" for k, v in pairs)


def sign(
    method: str,
    url: httpx.URL,
    headers: Mapping[str, str],
    payload_sha256: str,
    *,
    access_key: str,
    secret_key: str,
    region: str,
    service: str = "s3",
    now: datetime | None = None,
) -> dict[str, str]:
    """`headers` plus `Host`, `x-amz-date`, `x-amz-content-sha256` and `Authorization`, all signed.

    Send exactly the returned headers (httpx keeps an explicit `Host`) to the exact `url`, whose
    query, if any, must already be in canonical form (`canonical_query`): some servers check the
    query as sent rather than re-encoding it.
    """
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    amz_date = moment.strftime("%Y%m%dT%H%M%SZ")
    date = amz_date[:8]
    out = {"Host": url.netloc.decode("ascii"), **headers}
    out["x-amz-date"] = amz_date
    out["x-amz-content-sha256"] = payload_sha256
    signed = {name.lower(): " ".join(value.split()) for name, value in out.items()}
    names = sorted(signed)
    signed_headers = ";".join(names)
    canonical_request = "\n".join(
        [
            method.upper(),
            url.raw_path.split(b"?", 1)[0].decode("ascii") or "/",
            canonical_query(url),
            "".join(f"{name}:{signed[name]}\n" for name in names),
            signed_headers,
            payload_sha256,
        ]
    )
    scope = f"{date}/{region}/{service}/aws4_request"
    string_to_sign = "\n".join([ALGORITHM, amz_date, scope, hashlib.sha256(canonical_request.encode()).hexdigest()])
    signature = hmac.new(
        signing_key(secret_key, date, region, service), string_to_sign.encode(), hashlib.sha256
    ).hexdigest()
    out["Authorization"] = (
        f"{ALGORITHM} Credential={access_key}/{scope}, SignedHeaders={signed_headers}, Signature={signature}"
    )
    return out
