"""ECDSA signature *verification* on NIST P-256 (secp256r1) with SHA-256, in pure Python.

Python's standard library has no elliptic-curve code, and this SDK has no dependencies, so offline
checks of stamps and session tokens (both ES256, keys from ``/.well-known/jwks.json``) use this small
module. It only verifies: it never touches a private key, so it needs no constant-time arithmetic
(everything it handles is public: the key, the message, the signature).

The algorithm is SEC 1 v2 section 4.1.4 / FIPS 186-5 section 6.4.2:

1. reject unless ``1 <= r < n`` and ``1 <= s < n``, and the public key ``Q`` is a point on the curve;
2. ``e`` = the hash as an integer (SHA-256 is exactly as long as ``n``, so no truncation);
3. ``w = s^-1 mod n``, ``u1 = e*w mod n``, ``u2 = r*w mod n``;
4. ``R = u1*G + u2*Q`` (one pass over both scalars, "Shamir's trick"); reject the point at infinity;
5. valid when ``R.x mod n == r``.

Points are kept in Jacobian coordinates ``(X, Y, Z)`` = affine ``(X/Z^2, Y/Z^3)``, so only the final
conversion needs a modular inverse (``pow(z, -1, p)``, Python 3.8+). Formulas: ``dbl-2001-b`` (a = -3)
and ``add-2007-bl`` from the Explicit-Formulas Database. Test vectors: RFC 6979 A.2.5, the worked
example of spec/stamps.md, and signatures made by OpenSSL and by the POY server (tests/test_p256.py).
A verification takes a few milliseconds.
"""

from __future__ import annotations

import base64
import hashlib
from typing import Any, Mapping, Optional, Tuple

__all__ = [
    "P",
    "N",
    "G",
    "PublicKey",
    "is_on_curve",
    "multiply",
    "verify",
    "verify_p1363",
    "public_key_from_jwk",
    "public_key_from_uncompressed",
]

# Curve parameters (FIPS 186-5 / SEC 2): y^2 = x^3 - 3x + b over GF(p), base point G of prime order n.
P = 0xFFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF
A = P - 3
B = 0x5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B
N = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
G = (
    0x6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296,
    0x4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5,
)

PublicKey = Tuple[int, int]
_Jacobian = Tuple[int, int, int]
_INFINITY: _Jacobian = (1, 1, 0)


def is_on_curve(point: Tuple[int, int]) -> bool:
    x, y = point
    if not (0 <= x < P and 0 <= y < P):
        return False
    return (y * y - (x * x * x + A * x + B)) % P == 0


def _double(point: _Jacobian) -> _Jacobian:
    x1, y1, z1 = point
    if z1 == 0 or y1 == 0:
        return _INFINITY
    delta = z1 * z1 % P
    gamma = y1 * y1 % P
    beta = x1 * gamma % P
    alpha = 3 * (x1 - delta) * (x1 + delta) % P
    x3 = (alpha * alpha - 8 * beta) % P
    z3 = ((y1 + z1) * (y1 + z1) - gamma - delta) % P
    y3 = (alpha * (4 * beta - x3) - 8 * gamma * gamma) % P
    return (x3, y3, z3)


def _add(p1: _Jacobian, p2: _Jacobian) -> _Jacobian:
    x1, y1, z1 = p1
    x2, y2, z2 = p2
    if z1 == 0:
        return p2
    if z2 == 0:
        return p1
    z1z1 = z1 * z1 % P
    z2z2 = z2 * z2 % P
    u1 = x1 * z2z2 % P
    u2 = x2 * z1z1 % P
    s1 = y1 * z2 * z2z2 % P
    s2 = y2 * z1 * z1z1 % P
    h = (u2 - u1) % P
    r = (s2 - s1) % P
    if h == 0:
        return _double(p1) if r == 0 else _INFINITY
    hh = h * h % P
    hhh = h * hh % P
    v = u1 * hh % P
    x3 = (r * r - hhh - 2 * v) % P
    y3 = (r * (v - x3) - s1 * hhh) % P
    z3 = h * z1 * z2 % P
    return (x3, y3, z3)


def _to_affine(point: _Jacobian) -> Optional[Tuple[int, int]]:
    x, y, z = point
    if z == 0:
        return None
    z_inv = pow(z, -1, P)
    z_inv2 = z_inv * z_inv % P
    return (x * z_inv2 % P, y * z_inv2 * z_inv % P)


def _jacobian(point: Tuple[int, int]) -> _Jacobian:
    return (point[0], point[1], 1)


def multiply(k: int, point: Tuple[int, int] = G) -> Optional[Tuple[int, int]]:
    """``k * point`` in affine coordinates (``None`` for the point at infinity). Double-and-add: not
    constant time, so never use it with a secret scalar outside tests."""
    result = _INFINITY
    addend = _jacobian(point)
    k %= N
    while k:
        if k & 1:
            result = _add(result, addend)
        addend = _double(addend)
        k >>= 1
    return _to_affine(result)


def _shamir(u1: int, point1: Tuple[int, int], u2: int, point2: Tuple[int, int]) -> Optional[Tuple[int, int]]:
    """``u1*point1 + u2*point2`` in one left-to-right pass over the bits of both scalars."""
    p1 = _jacobian(point1)
    p2 = _jacobian(point2)
    both = _add(p1, p2)
    result = _INFINITY
    for bit in range(max(u1.bit_length(), u2.bit_length()) - 1, -1, -1):
        result = _double(result)
        b1 = (u1 >> bit) & 1
        b2 = (u2 >> bit) & 1
        if b1 and b2:
            result = _add(result, both)
        elif b1:
            result = _add(result, p1)
        elif b2:
            result = _add(result, p2)
    return _to_affine(result)


def verify(r: int, s: int, e: int, public_key: PublicKey) -> bool:
    """ECDSA verification of ``(r, s)`` for the hash integer ``e`` under ``public_key`` (affine x, y)."""
    if not (1 <= r < N and 1 <= s < N):
        return False
    if not is_on_curve(public_key):
        return False
    w = pow(s, -1, N)
    u1 = e * w % N
    u2 = r * w % N
    point = _shamir(u1, G, u2, public_key)
    if point is None:
        return False
    return point[0] % N == r


def verify_p1363(public_key: PublicKey, signature: bytes, message: bytes) -> bool:
    """ES256: ``signature`` is the 64-byte IEEE P1363 form ``r || s`` over SHA-256 of ``message``."""
    if len(signature) != 64:
        return False
    r = int.from_bytes(signature[:32], "big")
    s = int.from_bytes(signature[32:], "big")
    e = int.from_bytes(hashlib.sha256(message).digest(), "big")
    return verify(r, s, e, public_key)


def b64url_decode(text: str) -> bytes:
    """base64url without padding (JOSE); raises ``ValueError`` on anything else."""
    if not isinstance(text, str) or any(c not in _B64URL for c in text):
        raise ValueError("not base64url")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


_B64URL = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def public_key_from_jwk(jwk: Mapping[str, Any]) -> PublicKey:
    """The point of a P-256 JWK (``kty`` EC, ``crv`` P-256, 32-byte ``x`` and ``y``); ``ValueError``
    when it is not one, or not on the curve."""
    if jwk.get("kty") != "EC" or jwk.get("crv") != "P-256":
        raise ValueError("not a P-256 EC key")
    x_bytes = b64url_decode(str(jwk.get("x", "")))
    y_bytes = b64url_decode(str(jwk.get("y", "")))
    if len(x_bytes) != 32 or len(y_bytes) != 32:
        raise ValueError("P-256 coordinates are 32 bytes")
    point = (int.from_bytes(x_bytes, "big"), int.from_bytes(y_bytes, "big"))
    if not is_on_curve(point):
        raise ValueError("the point is not on P-256")
    return point


def public_key_from_uncompressed(data: bytes) -> PublicKey:
    """The point of an uncompressed SEC 1 encoding ``04 || x || y`` (65 bytes)."""
    if len(data) != 65 or data[0] != 4:
        raise ValueError("not an uncompressed P-256 point")
    point = (int.from_bytes(data[1:33], "big"), int.from_bytes(data[33:], "big"))
    if not is_on_curve(point):
        raise ValueError("the point is not on P-256")
    return point
