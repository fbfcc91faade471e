"""Content stamps checked offline, with nothing but the deployment's JWKS (spec/stamps.md).

A stamp (``poy-stamp/v1``) is an ECDSA P-256 / SHA-256 signature, in IEEE P1363 form (``r || s``,
base64url, prefixed ``ecdsa:``), over exactly seven lines, each ending in ``\\n``::

    poy-stamp/v1
    <mode: live | test>
    <stampId>
    <contentHash: sha256:<64 lower-case hex>>
    <contentType>
    <createdBy: PoY #XXXXXXX>
    <createdAt: YYYY-MM-DDTHH:MM:SS.sssZ>

``title`` and ``url`` are not signed. Offline you learn that POY signed the statement; whether the
creator is *still* a verified human only POY knows (``client.stamps.verify``).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Dict, List, Mapping, Optional, Union

from . import _es256, _p256
from ._json import as_dict, as_list
from .models import Stamp

__all__ = [
    "STAMP_FORMAT",
    "STAMP_KID_PREFIX",
    "OfflineStampCheck",
    "content_hash",
    "stamp_signed_bytes",
    "verify_stamp_offline",
]

STAMP_FORMAT = "poy-stamp/v1"
STAMP_KID_PREFIX = "poy-stamp-"
_SIGNATURE_PREFIX = "ecdsa:"

# The rule of each signed line (spec/stamps.md, "The signed bytes").
_STAMP_ID = re.compile(r"^stmp_[0-9a-f]{12}$")
_CONTENT_HASH = re.compile(r"^sha256:[0-9a-f]{64}$")
_CONTENT_TYPE = re.compile(r"^[\x21-\x7e](?:[\x20-\x7e]{0,62}[\x21-\x7e])?$")
_CREATED_BY = re.compile(r"^PoY #[0-9A-F]{7}$")
_CREATED_AT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")

Jwks = Union[Mapping[str, Any], str]


@dataclass(frozen=True)
class OfflineStampCheck:
    """The outcome of :func:`verify_stamp_offline`.

    ``valid`` is true only for a signature that verifies over the rebuilt bytes with a ``poy-stamp-``
    key of the JWKS, in mode ``live`` (or ``test`` too when you passed ``allow_test=True``).
    Otherwise ``reason`` says why:

    * ``unknown_format``: a format this SDK does not know. The stamp is *unknown*, neither valid nor
      forged: upgrade the SDK, or ask the server (``client.stamps.verify``).
    * ``unknown_key``: the JWKS has no key with the stamp's ``keyId``. Fetch the JWKS again (keys
      rotate) and retry once; ``client.stamps.verify_offline`` does that for you.
    * ``wrong_key_purpose``: the ``keyId`` is not a stamp key (``poy-stamp-...``): refuse it.
    * ``sandbox_stamp``: it verifies, but as a ``test`` (sandbox) stamp: never trust it as a real one.
    * ``invalid_signature``: it does not verify: the content, a field or the signature was altered.
    * ``malformed``: a field breaks its rule or the signature is not ``ecdsa:`` + 64 bytes.

    ``mode`` is the mode the signature verified in (``live`` or ``test``), when it did.
    """

    valid: bool
    reason: Optional[str] = None
    mode: Optional[str] = None
    key_id: Optional[str] = None
    content_hash: Optional[str] = None


def content_hash(content: Union[bytes, bytearray, memoryview, str]) -> str:
    """``sha256:`` + the lower-case hex SHA-256 of ``content`` (a ``str`` is encoded as UTF-8): the
    ``contentHash`` to send to ``stamps.create`` / ``stamps.verify``."""
    data = content.encode("utf-8") if isinstance(content, str) else bytes(content)
    return "sha256:" + hashlib.sha256(data).hexdigest()


_hash_content = content_hash  # verify_stamp_offline has a parameter of the same name


def stamp_signed_bytes(
    *, mode: str, stamp_id: str, content_hash: str, content_type: str, created_by: str, created_at: str
) -> bytes:
    """The exact bytes a ``poy-stamp/v1`` signature covers (``ValueError`` if a field breaks its rule)."""
    if mode not in ("live", "test"):
        raise ValueError("mode must be live or test")
    checks = (
        ("stampId", stamp_id, _STAMP_ID),
        ("contentHash", content_hash, _CONTENT_HASH),
        ("contentType", content_type, _CONTENT_TYPE),
        ("createdBy", created_by, _CREATED_BY),
        ("createdAt", created_at, _CREATED_AT),
    )
    for name, value, rule in checks:
        if not isinstance(value, str) or not rule.match(value):
            raise ValueError(f"{name} breaks the poy-stamp/v1 rule: {value!r}")
    lines = [STAMP_FORMAT, mode, stamp_id, content_hash, content_type, created_by, created_at]
    return "".join(line + "\n" for line in lines).encode("ascii")


def _iso_millis(value: datetime) -> str:
    value = value.astimezone(timezone.utc) if value.tzinfo else value.replace(tzinfo=timezone.utc)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def _fields_of(stamp: Union[Stamp, Mapping[str, Any]]) -> Dict[str, Any]:
    """The stamp's fields under their API (camelCase) names, from a Stamp or any mapping holding them
    (the create answer, the verify answer plus stampId and signature, or your own record)."""
    if isinstance(stamp, Stamp):
        fields: Dict[str, Any] = dict(stamp.raw)
        fields.setdefault("stampId", stamp.stamp_id)
        fields.setdefault("signature", stamp.signature)
        fields.setdefault("createdBy", stamp.created_by)
        fields.setdefault("keyId", stamp.key_id)
        fields.setdefault("format", stamp.format)
        if "createdAt" not in fields and stamp.created_at is not None:
            fields["createdAt"] = _iso_millis(stamp.created_at)
        return fields
    fields = dict(stamp)
    # Accept snake_case records too.
    for snake, camel in (
        ("stamp_id", "stampId"),
        ("created_by", "createdBy"),
        ("created_at", "createdAt"),
        ("key_id", "keyId"),
        ("content_hash", "contentHash"),
        ("content_type", "contentType"),
        ("stamped_at", "stampedAt"),
    ):
        if camel not in fields and snake in fields:
            fields[camel] = fields[snake]
    if "createdAt" not in fields and "stampedAt" in fields:
        fields["createdAt"] = fields["stampedAt"]
    if isinstance(fields.get("createdAt"), datetime):
        fields["createdAt"] = _iso_millis(fields["createdAt"])
    return fields


def jwks_keys(jwks: Jwks) -> List[Mapping[str, Any]]:
    """The ``keys`` of a JWK Set given as a mapping or as JSON text (``[]`` when it is neither)."""
    if isinstance(jwks, str):
        try:
            jwks = json.loads(jwks)
        except ValueError:
            return []
    if not isinstance(jwks, Mapping):
        return []
    keys = jwks.get("keys")
    return [key for key in (as_dict(item) for item in as_list(keys)) if key is not None]


def verify_stamp_offline(
    stamp: Union[Stamp, Mapping[str, Any]],
    jwks: Jwks,
    *,
    content: Union[bytes, bytearray, memoryview, str, None] = None,
    content_hash: Optional[str] = None,
    content_type: Optional[str] = None,
    allow_test: bool = False,
) -> OfflineStampCheck:
    """Checks a stamp with the JWKS only (``GET /.well-known/jwks.json``), as spec/stamps.md describes.

    Args:
        stamp: the :class:`Stamp` from ``stamps.create``, or a mapping with ``stampId``,
            ``signature``, ``createdBy``, ``createdAt``, ``keyId``, ``format`` (and optionally
            ``contentHash`` / ``contentType``).
        jwks: the JWK Set (a mapping or its JSON text).
        content: the content itself (hashed here); or give ``content_hash`` (``sha256:<hex>``).
        content_type: the stamped content type (``article``...), unless the mapping has ``contentType``.
        allow_test: accept sandbox (``test``) stamps as valid; ``mode`` tells them apart.

    Raises ``ValueError`` only for a programming error (no content, no content type).
    """
    fields = _fields_of(stamp)
    if content is not None:
        digest = _hash_content(content)
    elif content_hash is not None:
        digest = content_hash
    elif isinstance(fields.get("contentHash"), str):
        digest = fields["contentHash"]
    else:
        raise ValueError("pass content= (or content_hash=) to check what the stamp covers")
    digest = digest.strip()
    if digest[:7].lower() == "sha256:":
        digest = "sha256:" + digest[7:].lower()  # the API lower-cases what it receives
    kind = content_type if content_type is not None else fields.get("contentType")
    if not isinstance(kind, str):
        raise ValueError("pass content_type= (the stamp's contentType, e.g. 'article')")

    key_id = fields.get("keyId")
    key_id = key_id if isinstance(key_id, str) else None
    if fields.get("format") != STAMP_FORMAT:
        return OfflineStampCheck(False, "unknown_format", key_id=key_id, content_hash=digest)
    if key_id is None or not key_id.startswith(STAMP_KID_PREFIX):
        return OfflineStampCheck(False, "wrong_key_purpose", key_id=key_id, content_hash=digest)
    candidates = [key for key in jwks_keys(jwks) if key.get("kid") == key_id]
    if not candidates:
        return OfflineStampCheck(False, "unknown_key", key_id=key_id, content_hash=digest)

    signature_text = fields.get("signature")
    try:
        if not isinstance(signature_text, str) or not signature_text.startswith(_SIGNATURE_PREFIX):
            raise ValueError("signature must start with ecdsa:")
        signature = _p256.b64url_decode(signature_text[len(_SIGNATURE_PREFIX) :])
        if len(signature) != 64:
            raise ValueError("signature must be 64 bytes")
        signed = {
            mode: stamp_signed_bytes(
                mode=mode,
                stamp_id=str(fields.get("stampId")),
                content_hash=digest,
                content_type=kind,
                created_by=str(fields.get("createdBy")),
                created_at=str(fields.get("createdAt")),
            )
            for mode in ("live", "test")
        }
    except ValueError:
        return OfflineStampCheck(False, "malformed", key_id=key_id, content_hash=digest)

    for jwk in candidates:
        try:
            public_key = _es256.key_from_jwk(jwk)
        except ValueError:
            continue
        if public_key.verify(signature, signed["live"]):
            return OfflineStampCheck(True, None, mode="live", key_id=key_id, content_hash=digest)
        if public_key.verify(signature, signed["test"]):
            if allow_test:
                return OfflineStampCheck(True, None, mode="test", key_id=key_id, content_hash=digest)
            return OfflineStampCheck(False, "sandbox_stamp", mode="test", key_id=key_id, content_hash=digest)
    return OfflineStampCheck(False, "invalid_signature", key_id=key_id, content_hash=digest)
