"""The ES256 key cache and the choice of verifier (``poyverify._es256``)."""

from __future__ import annotations

import base64
import unittest

import _support  # noqa: F401  (puts src/ on the import path)
import _ecdsa_sign
from poyverify import _es256, _p256

# spec/stamps.md, "Worked example": a P-256 key as the JWKS publishes it.
JWK = {
    "kty": "EC",
    "crv": "P-256",
    "kid": "poy-stamp-20260407-3e4555022522",
    "x": "_fzNwSJgOpE7mR_5Z5CRj9rsgAgpuUG_R4wHEzY5b7o",
    "y": "xiGvpw6h_0rlK2jRT-2I01804vix_wdMfNpju5QGMhg",
}


class KeyCacheTest(unittest.TestCase):
    def setUp(self) -> None:
        _es256.clear_cache()
        self.addCleanup(_es256.clear_cache)

    def test_a_key_is_parsed_once_per_kid_and_coordinates(self) -> None:
        first = _es256.key_from_jwk(JWK)
        self.assertIs(_es256.key_from_jwk(dict(JWK)), first)
        # The same kid with other key material is another key, never the cached one.
        other_point = _p256.multiply(7, _p256.G)
        other = dict(JWK, x=_b64url(other_point[0]), y=_b64url(other_point[1]))
        self.assertIsNot(_es256.key_from_jwk(other), first)
        self.assertEqual(_es256.key_from_jwk(other).point, other_point)
        # The same material under another kid is cached apart as well.
        self.assertIsNot(_es256.key_from_jwk(dict(JWK, kid="poy-stamp-other")), first)
        self.assertEqual(_es256.cache_size(), 3)

    def test_the_cache_is_bounded(self) -> None:
        first = _es256.key_from_jwk(dict(JWK, kid="k-0"))
        for index in range(1, _es256.MAX_KEYS + 10):
            _es256.key_from_jwk(dict(JWK, kid=f"k-{index}"))
        self.assertEqual(_es256.cache_size(), _es256.MAX_KEYS)
        # The least recently used went first.
        self.assertIsNot(_es256.key_from_jwk(dict(JWK, kid="k-0")), first)

    def test_a_bad_key_is_refused_and_not_cached(self) -> None:
        for bad in (
            dict(JWK, crv="P-384"),
            dict(JWK, x=JWK["y"]),  # not on the curve
            dict(JWK, x="AAAA"),  # not 32 bytes
        ):
            for backend in ("pure", "cryptography") if _es256.HAVE_CRYPTOGRAPHY else ("pure",):
                with self.assertRaises(ValueError):
                    _es256.key_from_jwk(bad, backend=backend)
        self.assertEqual(_es256.cache_size(), 0)


class VerifierChoiceTest(unittest.TestCase):
    def setUp(self) -> None:
        _es256.clear_cache()
        self.addCleanup(_es256.clear_cache)

    def test_the_default_is_cryptography_when_importable(self) -> None:
        expected = "cryptography" if _es256.HAVE_CRYPTOGRAPHY else "pure"
        self.assertEqual(_es256.key_from_jwk(JWK).backend, expected)

    def check_backend(self, backend: str) -> None:
        private = 0xC9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721
        public = _p256.multiply(private, _p256.G)
        jwk = {"kty": "EC", "crv": "P-256", "kid": "k", "x": _b64url(public[0]), "y": _b64url(public[1])}
        key = _es256.key_from_jwk(jwk, backend=backend)
        self.assertEqual(key.backend, backend)
        signature = _ecdsa_sign.sign_p1363(private, b"message")
        self.assertTrue(key.verify(signature, b"message"))
        self.assertFalse(key.verify(signature, b"messagf"))
        self.assertFalse(key.verify(signature[:-1], b"message"))
        self.assertFalse(key.verify(b"\x00" * 64, b"message"))
        r_equals_n = _p256.N.to_bytes(32, "big") + signature[32:]
        self.assertFalse(key.verify(r_equals_n, b"message"))

    def test_pure_python(self) -> None:
        self.check_backend("pure")

    @unittest.skipUnless(_es256.HAVE_CRYPTOGRAPHY, "the cryptography package is not importable here")
    def test_cryptography(self) -> None:
        self.check_backend("cryptography")


def _b64url(value: int) -> str:
    return base64.urlsafe_b64encode(value.to_bytes(32, "big")).decode("ascii").rstrip("=")


if __name__ == "__main__":
    unittest.main()
