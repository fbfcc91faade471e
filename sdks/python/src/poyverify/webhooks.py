"""Verifying POY webhook deliveries (docs/api.md sections 4.5, 6 and 7).

Every delivery is signed with HMAC-SHA256 over the **raw body bytes exactly as received** (verify
before you parse the JSON; never re-serialize it):

* ``X-POY-Signature`` (POY endpoints): lower-case hex; key = the secret string ``whsec_...``.
* ``X-Hub-Signature-256`` (Connect): ``sha256=`` + lower-case hex; key = the secret string.
* ``webhook-signature`` (both, Standard Webhooks): ``v1,<base64>`` over
  ``<webhook-id>.<webhook-timestamp>.<body>``; key = the base64-decoded part after ``whsec_``; may list
  several space-separated signatures (during a secret rotation, old and new).

All comparisons are constant-time (:func:`hmac.compare_digest`). Every function takes one secret or
a list of secrets (old and new, during the 24 hours after a rotation) and returns ``True`` or
``False``; none raises on a malformed header.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import time
from datetime import datetime, timezone
from typing import Any, Iterable, List, Optional, Protocol, Sequence, Union

__all__ = [
    "Headers",
    "verify_poy_signature",
    "verify_connect_signature",
    "verify_standard_webhook",
    "verify_webhook",
    "parse_event",
    "WebhookVerificationError",
]

Body = Union[bytes, bytearray, memoryview, str]


class Headers(Protocol):
    """Anything with case-insensitive or plain header access: a ``dict``, ``http.server``'s
    ``self.headers`` (an ``email.message.Message``), or a web framework's headers object."""

    def get(self, name: str, /) -> Any: ...

    def keys(self) -> Iterable[Any]: ...

    def __getitem__(self, name: Any, /) -> Any: ...


Secrets = Union[str, Sequence[str]]

_SECRET_PREFIX = "whsec_"


class WebhookVerificationError(ValueError):
    """Raised by :func:`parse_event` when no signature verifies."""


def _bytes(body: Body) -> bytes:
    return body.encode("utf-8") if isinstance(body, str) else bytes(body)


def _secrets(secret: Secrets) -> List[str]:
    if isinstance(secret, str):
        return [secret]
    return [item for item in secret if isinstance(item, str)]


def _hex_hmac(key: bytes, message: bytes) -> str:
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def verify_poy_signature(body: Body, signature: Optional[str], secret: Secrets) -> bool:
    """``X-POY-Signature``: hex HMAC-SHA256 of the raw body, key = the endpoint secret string.

    The same check as the documentation's ``verifyWebhook(body, signature, secret)``.
    """
    if not isinstance(signature, str):
        return False
    given = signature.strip().lower().encode("ascii", errors="replace")
    data = _bytes(body)
    matched = False
    for candidate in _secrets(secret):
        expected = _hex_hmac(candidate.encode("utf-8"), data).encode("ascii")
        matched |= hmac.compare_digest(given, expected)
    return matched


def verify_connect_signature(body: Body, header: Optional[str], secret: Secrets) -> bool:
    """``X-Hub-Signature-256``: ``sha256=`` + hex HMAC-SHA256 of the raw body, key = the secret string."""
    if not isinstance(header, str):
        return False
    value = header.strip()
    if not value.lower().startswith("sha256="):
        return False
    return verify_poy_signature(body, value[len("sha256=") :], secret)


def _standard_key(secret: str) -> Optional[bytes]:
    encoded = secret[len(_SECRET_PREFIX) :] if secret.startswith(_SECRET_PREFIX) else secret
    try:
        return base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        return None


def _header(headers: Headers, name: str) -> Optional[str]:
    """Case-insensitive header lookup that works for dicts, ``http.server`` / ``email.message``
    headers, and framework header objects."""
    for variant in (name, name.lower(), name.title(), name.upper()):
        value = headers.get(variant)
        if value is not None:
            return str(value)
    for key in headers.keys():
        if str(key).lower() == name:
            return str(headers[key])
    return None


def _epoch(now: Union[datetime, float, int, None]) -> float:
    if now is None:
        return time.time()
    if isinstance(now, datetime):
        if now.tzinfo is None:
            now = now.replace(tzinfo=timezone.utc)
        return now.timestamp()
    return float(now)


def verify_standard_webhook(
    body: Body,
    headers: Headers,
    secret: Secrets,
    tolerance_seconds: int = 300,
    now: Union[datetime, float, int, None] = None,
) -> bool:
    """Standard Webhooks (``webhook-id``, ``webhook-timestamp``, ``webhook-signature``).

    The signed content is ``<webhook-id>.<webhook-timestamp>.<raw body>``; the key is the
    base64-decoded part of the secret after ``whsec_``. ``webhook-signature`` lists one or more
    space-separated ``<version>,<base64>`` entries: any ``v1`` entry that matches is enough, other
    versions are skipped. The timestamp must be within ``tolerance_seconds`` of ``now`` (either way),
    which stops replays of old deliveries.
    """
    webhook_id = _header(headers, "webhook-id")
    timestamp = _header(headers, "webhook-timestamp")
    signature_header = _header(headers, "webhook-signature")
    if not webhook_id or not timestamp or not signature_header:
        return False
    try:
        sent_at = int(timestamp.strip())
    except ValueError:
        return False
    if abs(_epoch(now) - sent_at) > tolerance_seconds:
        return False
    signed = f"{webhook_id}.{sent_at}.".encode("utf-8") + _bytes(body)
    keys = [key for key in (_standard_key(candidate) for candidate in _secrets(secret)) if key]
    expected = [base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()) for key in keys]
    matched = False
    for entry in signature_header.split():
        version, _, value = entry.partition(",")
        if version != "v1" or not value:
            continue  # unknown versions are skipped, as the scheme requires
        given = value.encode("ascii", errors="replace")
        for candidate in expected:
            matched |= hmac.compare_digest(given, candidate)
    return matched


def verify_webhook(
    body: Body,
    headers: Headers,
    secret: Secrets,
    tolerance_seconds: int = 300,
    now: Union[datetime, float, int, None] = None,
) -> bool:
    """Verifies a delivery from its headers, whichever surface sent it: true when the Standard
    Webhooks signature (timestamp included) verifies, or, for receivers that do not keep the
    timestamp check, when ``X-POY-Signature`` / ``X-Hub-Signature-256`` verifies *and* the
    Standard Webhooks headers are absent. Prefer :func:`verify_standard_webhook`: it also rejects
    replays of old deliveries."""
    if _header(headers, "webhook-signature") is not None:
        return verify_standard_webhook(body, headers, secret, tolerance_seconds, now)
    poy = _header(headers, "x-poy-signature")
    if poy is not None:
        return verify_poy_signature(body, poy, secret)
    hub = _header(headers, "x-hub-signature-256")
    if hub is not None:
        return verify_connect_signature(body, hub, secret)
    return False


def parse_event(
    body: Body,
    headers: Headers,
    secret: Secrets,
    tolerance_seconds: int = 300,
    now: Union[datetime, float, int, None] = None,
) -> Any:
    """Verifies a delivery (see :func:`verify_webhook`) and returns its decoded JSON body; raises
    :class:`WebhookVerificationError` when it does not verify. Answer 2xx quickly after this, and
    de-duplicate on the ``webhook-id`` header: deliveries are at least once."""
    if not verify_webhook(body, headers, secret, tolerance_seconds, now):
        raise WebhookVerificationError(
            "The webhook signature did not verify: check that you pass the raw body bytes and this "
            "endpoint's current secret (whsec_...), and that the server clock is right."
        )
    return json.loads(_bytes(body).decode("utf-8"))
