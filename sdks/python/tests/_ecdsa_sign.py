"""Test-only ECDSA P-256 *signing* on top of the SDK's curve arithmetic, to make vectors.

Not constant time and not for production: the SDK itself never signs. Signatures made here are
cross-checked against OpenSSL and the RFC 6979 vectors in test_p256.py, so they are real ES256.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
from typing import Any, Dict, Optional, Tuple

import _support  # noqa: F401  (puts src/ on the import path)
from poyverify import _p256


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def keypair() -> Tuple[int, Tuple[int, int]]:
    private = secrets.randbelow(_p256.N - 1) + 1
    public = _p256.multiply(private)
    assert public is not None
    return private, public


def sign_digest(private: int, digest: bytes) -> Tuple[int, int]:
    e = int.from_bytes(digest, "big")
    while True:
        k = secrets.randbelow(_p256.N - 1) + 1
        point = _p256.multiply(k)
        assert point is not None
        r = point[0] % _p256.N
        if r == 0:
            continue
        s = pow(k, -1, _p256.N) * (e + r * private) % _p256.N
        if s != 0:
            return r, s


def sign_p1363(private: int, message: bytes) -> bytes:
    r, s = sign_digest(private, hashlib.sha256(message).digest())
    return r.to_bytes(32, "big") + s.to_bytes(32, "big")


def der_signature(private: int, message: bytes) -> bytes:
    """DER ``SEQUENCE { INTEGER r, INTEGER s }`` (WebAuthn assertions use this form)."""
    r, s = sign_digest(private, hashlib.sha256(message).digest())

    def integer(value: int) -> bytes:
        raw = value.to_bytes((value.bit_length() + 7) // 8 or 1, "big")
        if raw[0] & 0x80:
            raw = b"\x00" + raw
        return b"\x02" + bytes([len(raw)]) + raw

    content = integer(r) + integer(s)
    return b"\x30" + bytes([len(content)]) + content


def jwk(public: Tuple[int, int], kid: str) -> Dict[str, str]:
    return {
        "kty": "EC",
        "crv": "P-256",
        "x": b64url(public[0].to_bytes(32, "big")),
        "y": b64url(public[1].to_bytes(32, "big")),
        "kid": kid,
        "alg": "ES256",
        "use": "sig",
    }


def session_token(private: int, kid: str, claims: Dict[str, Any], header: Optional[Dict[str, Any]] = None) -> str:
    """``poy_sess_`` + a compact JWS signed like the server's session tokens."""
    full_header = {"alg": "ES256", "kid": kid, "typ": "poy-session+jwt", **(header or {})}
    head = b64url(json.dumps(full_header, separators=(",", ":")).encode())
    body = b64url(json.dumps(claims, separators=(",", ":")).encode())
    signature = sign_p1363(private, f"{head}.{body}".encode("ascii"))
    return f"poy_sess_{head}.{body}.{b64url(signature)}"
