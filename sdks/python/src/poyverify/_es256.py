"""ES256 verification keys for the offline checks (stamps, session tokens, redirect results).

Threat: a forged stamp or token accepted as POY's. This module only decides *which implementation*
checks a signature and keeps parsed keys, so it must never change an answer:

- ``cryptography`` (OpenSSL) verifies when it is importable (it is fast: tens of thousands of checks per
  second); otherwise the SDK's own pure-Python verifier (``_p256``, no dependencies) does. Both refuse
  the same keys (``_p256.public_key_from_jwk`` validates every key first: 32-byte coordinates, a point
  on the curve) and the same signatures (64 bytes, ``1 <= r, s < n``, checked here before OpenSSL sees
  them). The shared test vectors hold both paths to the same answers (tests/test_vectors.py).
- Parsed keys are cached by kid *and* coordinates (a JWKS that reuses a kid for other key material gets
  its own entry), in a small least-recently-used cache, so many JWKS cannot grow it without bound.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any, Mapping, Optional, Tuple

from . import _p256

try:  # optional: the SDK has no dependencies, and works (more slowly) without it
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

    HAVE_CRYPTOGRAPHY = True
except ImportError:  # pragma: no cover - depends on the environment
    HAVE_CRYPTOGRAPHY = False

__all__ = ["HAVE_CRYPTOGRAPHY", "MAX_KEYS", "Es256Key", "key_from_jwk", "default_backend", "clear_cache"]

#: How many parsed keys are kept; a deployment publishes a handful (one per purpose, plus rotations).
MAX_KEYS = 64


def default_backend() -> str:
    """``"cryptography"`` when it is importable, else ``"pure"``."""
    return "cryptography" if HAVE_CRYPTOGRAPHY else "pure"


class Es256Key:
    """A P-256 public key ready to check 64-byte P1363 (``r || s``) ES256 signatures."""

    __slots__ = ("point", "backend", "_openssl_key")

    def __init__(self, point: _p256.PublicKey, backend: str) -> None:
        self.point = point
        self.backend = backend
        self._openssl_key: Any = None
        if backend == "cryptography":
            if not HAVE_CRYPTOGRAPHY:
                raise RuntimeError("the cryptography package is not importable")
            self._openssl_key = ec.EllipticCurvePublicNumbers(point[0], point[1], ec.SECP256R1()).public_key()
        elif backend != "pure":
            raise ValueError(f"unknown backend {backend!r}")

    def verify(self, signature: bytes, message: bytes) -> bool:
        """True when ``signature`` (64 bytes, P1363) is this key's ES256 signature over ``message``."""
        if self._openssl_key is None:
            return _p256.verify_p1363(self.point, signature, message)
        if len(signature) != 64:
            return False
        r = int.from_bytes(signature[:32], "big")
        s = int.from_bytes(signature[32:], "big")
        # The same range rule as the pure verifier, stated here rather than left to OpenSSL.
        if not (1 <= r < _p256.N and 1 <= s < _p256.N):
            return False
        try:
            self._openssl_key.verify(encode_dss_signature(r, s), message, ec.ECDSA(hashes.SHA256()))
        except InvalidSignature:
            return False
        return True


_cache: "OrderedDict[Tuple[str, str, str, str], Es256Key]" = OrderedDict()
_lock = threading.Lock()


def key_from_jwk(jwk: Mapping[str, Any], backend: Optional[str] = None) -> Es256Key:
    """The key of a P-256 JWK, parsed on first use and cached by kid and coordinates.

    ``backend`` forces ``"pure"`` or ``"cryptography"`` (tests); by default ``cryptography`` when it is
    importable. Raises ``ValueError`` when the JWK is not a P-256 key on the curve (nothing is cached).
    """
    chosen = backend or default_backend()
    cache_key = (str(jwk.get("kid", "")), str(jwk.get("x", "")), str(jwk.get("y", "")), chosen)
    with _lock:
        found = _cache.get(cache_key)
        if found is not None:
            _cache.move_to_end(cache_key)
            return found
    key = Es256Key(_p256.public_key_from_jwk(jwk), chosen)
    with _lock:
        _cache[cache_key] = key
        _cache.move_to_end(cache_key)
        while len(_cache) > MAX_KEYS:
            _cache.popitem(last=False)
    return key


def cache_size() -> int:
    """How many keys are cached (tests)."""
    with _lock:
        return len(_cache)


def clear_cache() -> None:
    """Forget every parsed key (tests)."""
    with _lock:
        _cache.clear()
