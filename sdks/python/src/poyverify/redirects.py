"""Redirect results checked offline, with nothing but the deployment's JWKS.

When the hosted flow ends, POY sends the person to your ``redirect_url`` with one query parameter,
``poy_result``: a compact JWS (RFC 7515), ES256, header
``{"alg":"ES256","kid":"poy-redirect-...","typ":"poy-result+jwt"}``, claims ``iss`` (the deployment's
PUBLIC_URL), ``aud`` (your POY project id), ``sub`` (the Connect ``user_id``), ``reference_user_id``
(your id for the user: the Connect ``reference_user_id``, the POY ``userId``), ``poy_mode``,
``status`` (``VERIFIED``, ``UNFULFILLABLE``, ``EXPIRED`` or ``REVOKED``), ``nonce``, ``iat`` and
``exp`` (10 minutes later). Nothing else in the URL says what happened: trust the outcome only from
a valid result (or from ``get_status`` / ``verify``). :func:`verify_redirect_result` applies the same
checks, in the same order, as the TypeScript SDK's ``verifyRedirectResult``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Dict, List, Mapping, Optional, Union

from . import _es256, _p256
from ._json import as_dict
from .sessions import _epoch, _is_int
from .stamps import Jwks, jwks_keys

__all__ = [
    "REDIRECT_RESULT_PARAMETER",
    "REDIRECT_RESULT_TYPE",
    "REDIRECT_KID_PREFIX",
    "REDIRECT_RESULT_STATUSES",
    "REDIRECT_RESULT_FAILURES",
    "RedirectResultClaims",
    "RedirectResultCheck",
    "verify_redirect_result",
]

REDIRECT_RESULT_PARAMETER = "poy_result"
REDIRECT_RESULT_TYPE = "poy-result+jwt"
REDIRECT_KID_PREFIX = "poy-redirect-"
REDIRECT_RESULT_STATUSES = ("VERIFIED", "IN_REVIEW", "UNFULFILLABLE", "EXPIRED", "REVOKED")
REDIRECT_RESULT_FAILURES = (
    "malformed",
    "unknown_key",
    "invalid_signature",
    "wrong_type",
    "wrong_issuer",
    "wrong_audience",
    "expired",
)
_STRING_CLAIMS = ("iss", "aud", "sub", "reference_user_id", "nonce")


@dataclass(frozen=True)
class RedirectResultClaims:
    """The claims of a valid redirect result."""

    iss: str
    aud: str
    sub: str
    reference_user_id: str
    poy_mode: str
    status: str
    nonce: str
    iat: int
    exp: int
    raw: Dict[str, Any] = field(default_factory=lambda: {}, repr=False, compare=False)

    @property
    def user_id(self) -> str:
        """The Connect ``user_id`` (``bcu_...``): ``sub``."""
        return self.sub

    @property
    def project_id(self) -> str:
        return self.aud

    @property
    def issued_at(self) -> datetime:
        return datetime.fromtimestamp(self.iat, timezone.utc)

    @property
    def expires_at(self) -> datetime:
        return datetime.fromtimestamp(self.exp, timezone.utc)


@dataclass(frozen=True)
class RedirectResultCheck:
    """``valid`` with ``claims``, or not valid with ``reason``: ``malformed``, ``unknown_key`` (fetch
    the JWKS again: keys rotate), ``invalid_signature``, ``wrong_type`` (another kind of token),
    ``wrong_issuer``, ``wrong_audience`` (another project's or mode's result) or ``expired``."""

    valid: bool
    reason: Optional[str] = None
    claims: Optional[RedirectResultClaims] = None

    @property
    def status(self) -> Optional[str]:
        return self.claims.status if self.claims is not None else None


def _fail(reason: str) -> RedirectResultCheck:
    return RedirectResultCheck(valid=False, reason=reason)


def _json_object(segment: str) -> Optional[Dict[str, Any]]:
    try:
        return as_dict(json.loads(_p256.b64url_decode(segment).decode("utf-8")))
    except (ValueError, UnicodeDecodeError):
        return None


def _is_jwks(jwks: Jwks) -> bool:
    if isinstance(jwks, str):
        try:
            parsed = as_dict(json.loads(jwks))
        except ValueError:
            return False
        return parsed is not None and isinstance(parsed.get("keys"), list)
    return isinstance(jwks, Mapping) and isinstance(jwks.get("keys"), list)


def _find_key(jwks: Jwks, kid: str) -> Optional[Mapping[str, Any]]:
    """The ES256-usable EC P-256 key named ``kid``, as the TypeScript SDK picks it."""
    candidates: List[Mapping[str, Any]] = [key for key in jwks_keys(jwks) if key.get("kid") == kid]
    for key in candidates[:1]:
        if key.get("kty") != "EC" or key.get("crv") != "P-256":
            return None
        if key.get("alg") is not None and key.get("alg") != "ES256":
            return None
        return key
    return None


def verify_redirect_result(
    token: Optional[str],
    jwks: Jwks,
    project_id: str,
    *,
    issuer: Optional[str] = None,
    mode: Optional[str] = None,
    now: Union[datetime, float, int, None] = None,
    clock_tolerance_seconds: int = 0,
) -> RedirectResultCheck:
    """Checks the ``poy_result`` of a redirect from the hosted flow against the JWK Set, offline.

    ``project_id`` (your POY project id, ``proj_...``) is required: a result for another project is
    ``wrong_audience``. Pass ``issuer`` (the deployment's PUBLIC_URL) to pin it, and ``mode="live"``
    in production so a sandbox result is refused. ``now`` (a datetime or epoch seconds) defaults to
    the current time. Then check that ``claims.reference_user_id`` is the user you sent.

    Checks, in order: three JWS parts; ``alg`` ES256 (``malformed``); ``typ`` ``poy-result+jwt``
    (``wrong_type``); no ``crit``; a ``poy-redirect-`` kid present in the JWKS (``unknown_key``); the
    P-256 signature; the claims' shape; ``exp``; ``aud``; ``iss``; ``poy_mode``.
    """
    if not isinstance(token, str):
        return _fail("malformed")
    parts = token.split(".")
    if len(parts) != 3:
        return _fail("malformed")
    header_b64, payload_b64, signature_b64 = parts
    header = _json_object(header_b64)
    if header is None or header.get("alg") != "ES256":
        return _fail("malformed")  # the algorithm is pinned (RFC 8725 3.1)
    if header.get("typ") != REDIRECT_RESULT_TYPE:
        return _fail("wrong_type")  # explicit typing (RFC 8725 3.11)
    if "crit" in header:
        return _fail("malformed")
    kid = header.get("kid")
    # Only redirect keys verify redirect results (a session key's signature must never pass as one).
    if not isinstance(kid, str) or not kid.startswith(REDIRECT_KID_PREFIX):
        return _fail("unknown_key")
    if not _is_jwks(jwks):
        return _fail("malformed")
    jwk = _find_key(jwks, kid)
    if jwk is None:
        return _fail("unknown_key")
    try:
        public_key = _es256.key_from_jwk(jwk)
    except ValueError:
        return _fail("unknown_key")
    try:
        signature = _p256.b64url_decode(signature_b64)
    except ValueError:
        signature = b""  # a signature that does not decode is a bad signature
    if not public_key.verify(signature, f"{header_b64}.{payload_b64}".encode("ascii")):
        return _fail("invalid_signature")

    payload = _json_object(payload_b64)
    if payload is None:
        return _fail("malformed")
    if any(not isinstance(payload.get(name), str) or not payload.get(name) for name in _STRING_CLAIMS):
        return _fail("malformed")
    if payload.get("poy_mode") not in ("live", "test") or payload.get("status") not in REDIRECT_RESULT_STATUSES:
        return _fail("malformed")
    if not _is_int(payload.get("iat")) or not _is_int(payload.get("exp")):
        return _fail("malformed")
    # Expired at or after exp (RFC 7519 4.1.4).
    if _epoch(now) - int(clock_tolerance_seconds) >= payload["exp"]:
        return _fail("expired")
    if payload["aud"] != project_id:
        return _fail("wrong_audience")
    if issuer is not None and payload["iss"] != issuer:
        return _fail("wrong_issuer")
    if mode is not None and payload["poy_mode"] != mode:
        return _fail("wrong_audience")
    claims = RedirectResultClaims(
        iss=payload["iss"],
        aud=payload["aud"],
        sub=payload["sub"],
        reference_user_id=payload["reference_user_id"],
        poy_mode=payload["poy_mode"],
        status=payload["status"],
        nonce=payload["nonce"],
        iat=payload["iat"],
        exp=payload["exp"],
        raw=payload,
    )
    return RedirectResultCheck(valid=True, claims=claims)
