"""Session tokens checked offline, with nothing but the deployment's JWKS.

A passkey sign-in (``client.passkeys.authenticate``) returns ``poy_sess_`` + a compact JWS
(RFC 7515): ES256, header ``{"alg":"ES256","kid":"poy-session-...","typ":"poy-session+jwt"}``,
claims ``iss`` (the deployment's PUBLIC_URL), ``sub`` (your user id), ``aud`` (your project's public
id), ``poy_project``, ``poy_mode``, ``cred``, ``iat``, ``exp``, ``jti`` (spec/stamps.md, last
section). :func:`verify_session_token_offline` applies the same checks as the server's
``POST /api/poy/sessions/verify`` and answers with the same failure reasons.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Dict, List, Mapping, Optional, Union

from . import _es256, _p256
from ._json import as_dict, as_list
from .stamps import Jwks, jwks_keys

__all__ = [
    "SESSION_TOKEN_PREFIX",
    "SESSION_TOKEN_TYPE",
    "SESSION_KID_PREFIX",
    "SESSION_TOKEN_FAILURES",
    "SessionClaims",
    "SessionTokenCheck",
    "verify_session_token_offline",
]

SESSION_TOKEN_PREFIX = "poy_sess_"
SESSION_TOKEN_TYPE = "poy-session+jwt"
SESSION_KID_PREFIX = "poy-session-"
SESSION_TOKEN_FAILURES = (
    "malformed",
    "unknown_key",
    "invalid_signature",
    "expired",
    "wrong_issuer",
    "wrong_audience",
)
_REQUIRED_CLAIMS = ("iss", "sub", "aud", "exp", "iat", "jti")


@dataclass(frozen=True)
class SessionClaims:
    """The claims of a valid session token."""

    iss: str
    sub: str
    aud: str
    poy_project: str
    poy_mode: str
    cred: str
    iat: int
    exp: int
    jti: str
    raw: Dict[str, Any] = field(default_factory=lambda: {}, repr=False, compare=False)

    @property
    def user_id(self) -> str:
        """Your id for the user who signed in (``sub``)."""
        return self.sub

    @property
    def credential_id(self) -> str:
        return self.cred

    @property
    def issued_at(self) -> datetime:
        return datetime.fromtimestamp(self.iat, timezone.utc)

    @property
    def expires_at(self) -> datetime:
        return datetime.fromtimestamp(self.exp, timezone.utc)


@dataclass(frozen=True)
class SessionTokenCheck:
    """``valid`` with ``claims``, or not valid with ``reason``: ``malformed``, ``unknown_key`` (fetch
    the JWKS again: keys rotate), ``invalid_signature``, ``expired``, ``wrong_issuer`` or
    ``wrong_audience`` (another project's or mode's token)."""

    valid: bool
    reason: Optional[str] = None
    claims: Optional[SessionClaims] = None


def _fail(reason: str) -> SessionTokenCheck:
    return SessionTokenCheck(valid=False, reason=reason)


def _json_segment(segment: str) -> Any:
    return json.loads(_p256.b64url_decode(segment).decode("utf-8"))


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _epoch(now: Union[datetime, float, int, None]) -> int:
    if now is None:
        return int(time.time())
    if isinstance(now, datetime):
        if now.tzinfo is None:
            now = now.replace(tzinfo=timezone.utc)
        return int(now.timestamp())
    return int(now)


def verify_session_token_offline(
    token: str,
    jwks: Jwks,
    audience: Optional[str] = None,
    issuer: Optional[str] = None,
    now: Union[datetime, float, int, None] = None,
    *,
    project_id: Optional[str] = None,
    mode: Optional[str] = None,
    clock_tolerance_seconds: int = 0,
) -> SessionTokenCheck:
    """Checks a ``poy_sess_...`` token against the JWK Set, without calling POY.

    Pass ``issuer`` (the deployment's PUBLIC_URL) and ``audience`` (your project's public id) to pin
    them; ``project_id`` and ``mode`` (``live``/``test``) when you hold them. ``now`` (a datetime or
    epoch seconds) defaults to the current time.

    Checks, in order: the prefix and the three JWS parts; a ``poy-session-`` kid present in the JWKS;
    ``alg`` ES256 and ``typ`` ``poy-session+jwt`` (nothing else is accepted); the P-256 signature;
    the required claims; ``iss``; ``aud``; ``nbf``/``exp`` against ``now``; the claim types;
    ``poy_project`` and ``poy_mode``.
    """
    if not isinstance(token, str) or not token.startswith(SESSION_TOKEN_PREFIX):
        return _fail("malformed")
    if isinstance(jwks, str):
        try:
            parsed = as_dict(json.loads(jwks))
        except ValueError:
            return _fail("malformed")
        if parsed is None or not isinstance(parsed.get("keys"), list):
            return _fail("malformed")
    elif not isinstance(jwks, Mapping) or not isinstance(jwks.get("keys"), list):
        return _fail("malformed")
    parts = token[len(SESSION_TOKEN_PREFIX) :].split(".")
    if len(parts) != 3:
        return _fail("malformed")
    header_b64, payload_b64, signature_b64 = parts
    try:
        header = as_dict(_json_segment(header_b64))
    except (ValueError, UnicodeDecodeError):
        return _fail("malformed")
    if header is None:
        return _fail("malformed")
    kid = header.get("kid")
    # Only session keys verify session tokens (a stamp key's signature must never pass as one).
    if not isinstance(kid, str) or not kid.startswith(SESSION_KID_PREFIX):
        return _fail("unknown_key")
    candidates: List[Mapping[str, Any]] = [key for key in jwks_keys(jwks) if key.get("kid") == kid]
    if not candidates:
        return _fail("unknown_key")
    # The algorithm is pinned (RFC 8725 3.1) and the type checked (3.11); critical extensions unknown.
    if header.get("alg") != "ES256" or header.get("typ") != SESSION_TOKEN_TYPE or "crit" in header:
        return _fail("malformed")
    try:
        signature = _p256.b64url_decode(signature_b64)
        _p256.b64url_decode(payload_b64)
    except ValueError:
        return _fail("malformed")
    signing_input = f"{header_b64}.{payload_b64}".encode("ascii")
    verified = False
    for jwk in candidates:
        try:
            public_key = _es256.key_from_jwk(jwk)
        except ValueError:
            continue
        if public_key.verify(signature, signing_input):
            verified = True
            break
    if not verified:
        return _fail("invalid_signature")

    try:
        payload = as_dict(_json_segment(payload_b64))
    except (ValueError, UnicodeDecodeError):
        return _fail("malformed")
    if payload is None or any(claim not in payload for claim in _REQUIRED_CLAIMS):
        return _fail("malformed")
    if issuer is not None and payload.get("iss") != issuer:
        return _fail("wrong_issuer")
    aud = payload.get("aud")
    if audience is not None:
        audiences = as_list(aud) if isinstance(aud, list) else [aud]
        if audience not in audiences:
            return _fail("wrong_audience")
    current = _epoch(now)
    tolerance = int(clock_tolerance_seconds)
    nbf = payload.get("nbf")
    if nbf is not None and (not _is_number(nbf) or nbf > current + tolerance):
        return _fail("malformed")  # not valid yet: "expired" would mislead
    exp = payload.get("exp")
    if not isinstance(exp, (int, float)) or isinstance(exp, bool) or not _is_number(payload.get("iat")):
        return _fail("malformed")
    if exp <= current - tolerance:
        return _fail("expired")

    strings = ("iss", "sub", "aud", "poy_project", "cred", "jti")
    if any(not isinstance(payload.get(name), str) or not payload.get(name) for name in strings):
        return _fail("malformed")
    if payload.get("poy_mode") not in ("live", "test"):
        return _fail("malformed")
    if not _is_int(payload.get("iat")) or not _is_int(exp):
        return _fail("malformed")
    if project_id is not None and payload["poy_project"] != project_id:
        return _fail("wrong_audience")
    if mode is not None and payload["poy_mode"] != mode:
        return _fail("wrong_audience")
    claims = SessionClaims(
        iss=payload["iss"],
        sub=payload["sub"],
        aud=payload["aud"],
        poy_project=payload["poy_project"],
        poy_mode=payload["poy_mode"],
        cred=payload["cred"],
        iat=payload["iat"],
        exp=payload["exp"],
        jti=payload["jti"],
        raw=payload,
    )
    return SessionTokenCheck(valid=True, claims=claims)
