"""The pure-Python P-256 ECDSA verifier against known vectors, OpenSSL, and bad inputs."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
import unittest
from typing import Tuple

import _support  # noqa: F401  (puts src/ on the import path)
import _ecdsa_sign
from poyverify import _p256

# RFC 6979 appendix A.2.5 (P-256), SHA-256.
RFC6979_PRIVATE = 0xC9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721
RFC6979_PUBLIC = (
    0x60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6,
    0x7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299,
)
RFC6979_VECTORS = [
    (
        b"sample",
        0xEFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716,
        0xF7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8,
    ),
    (
        b"test",
        0xF1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367,
        0x019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083,
    ),
]

# spec/stamps.md, "Worked example": signed by the POY server's own code.
STAMP_JWK = {
    "kty": "EC",
    "crv": "P-256",
    "x": "_fzNwSJgOpE7mR_5Z5CRj9rsgAgpuUG_R4wHEzY5b7o",
    "y": "xiGvpw6h_0rlK2jRT-2I01804vix_wdMfNpju5QGMhg",
    "kid": "poy-stamp-20260407-3e4555022522",
    "alg": "ES256",
    "use": "sig",
}
STAMP_BYTES = bytes.fromhex(
    "706f792d7374616d702f76310a6c6976650a73746d705f3766386139623063316432650a7368613235363a3331356635"
    "62646237366430373863343362386163303036346534613031363436313262316663653737633836393334356266633934"
    "633735383934656464330a61727469636c650a506f592023303034383241310a323032362d30342d30375431323a3330"
    "3a30302e3030305a0a"
)
STAMP_SIGNATURE = "rzm5PITCsTzS5w3YiIO24msYhxEw7ena7CPskNmsNUDL3o5EbtbxJZprlJzeyQaFWwd-cht-FX_h6zt7Hkn3-A"


def sha256_int(message: bytes) -> int:
    return int.from_bytes(hashlib.sha256(message).digest(), "big")


def parse_der_signature(der: bytes) -> Tuple[int, int]:
    assert der[0] == 0x30
    index = 2
    values = []
    for _ in range(2):
        assert der[index] == 0x02
        length = der[index + 1]
        values.append(int.from_bytes(der[index + 2 : index + 2 + length], "big"))
        index += 2 + length
    return values[0], values[1]


class CurveArithmeticTest(unittest.TestCase):
    def test_generator_is_on_the_curve_and_has_order_n(self) -> None:
        self.assertTrue(_p256.is_on_curve(_p256.G))
        self.assertIsNone(_p256.multiply(_p256.N, _p256.G))
        self.assertEqual(_p256.multiply(_p256.N + 1, _p256.G), _p256.G)

    def test_public_key_derivation_matches_rfc6979(self) -> None:
        self.assertEqual(_p256.multiply(RFC6979_PRIVATE), RFC6979_PUBLIC)

    def test_double_equals_add(self) -> None:
        two_g = _p256.multiply(2)
        three_g = _p256.multiply(3)
        assert two_g is not None and three_g is not None
        self.assertTrue(_p256.is_on_curve(two_g))
        # 2G + G computed through the verifier's combined multiplication.
        self.assertEqual(_p256._shamir(2, _p256.G, 1, _p256.G), three_g)  # pyright: ignore[reportPrivateUsage]


class VerifyVectorsTest(unittest.TestCase):
    def test_rfc6979_vectors_verify(self) -> None:
        for message, r, s in RFC6979_VECTORS:
            with self.subTest(message=message):
                self.assertTrue(_p256.verify(r, s, sha256_int(message), RFC6979_PUBLIC))

    def test_rfc6979_vectors_fail_on_another_message(self) -> None:
        for message, r, s in RFC6979_VECTORS:
            with self.subTest(message=message):
                self.assertFalse(_p256.verify(r, s, sha256_int(message + b"!"), RFC6979_PUBLIC))

    def test_stamp_worked_example_verifies(self) -> None:
        public = _p256.public_key_from_jwk(STAMP_JWK)
        signature = _p256.b64url_decode(STAMP_SIGNATURE)
        self.assertTrue(_p256.verify_p1363(public, signature, STAMP_BYTES))

    def test_any_changed_byte_breaks_the_stamp_example(self) -> None:
        public = _p256.public_key_from_jwk(STAMP_JWK)
        signature = _p256.b64url_decode(STAMP_SIGNATURE)
        for index in (0, 15, 60, len(STAMP_BYTES) - 2):
            changed = bytearray(STAMP_BYTES)
            changed[index] ^= 0x01
            with self.subTest(index=index):
                self.assertFalse(_p256.verify_p1363(public, signature, bytes(changed)))
        broken = bytearray(signature)
        broken[10] ^= 0x80
        self.assertFalse(_p256.verify_p1363(public, bytes(broken), STAMP_BYTES))

    def test_out_of_range_scalars_are_refused(self) -> None:
        message, r, s = RFC6979_VECTORS[0]
        e = sha256_int(message)
        for bad_r, bad_s in ((0, s), (r, 0), (_p256.N, s), (r, _p256.N), (r + _p256.N, s), (-r, s)):
            with self.subTest(r=bad_r, s=bad_s):
                self.assertFalse(_p256.verify(bad_r, bad_s, e, RFC6979_PUBLIC))

    def test_a_key_off_the_curve_is_refused(self) -> None:
        message, r, s = RFC6979_VECTORS[0]
        x, y = RFC6979_PUBLIC
        self.assertFalse(_p256.verify(r, s, sha256_int(message), (x, (y + 1) % _p256.P)))
        with self.assertRaises(ValueError):
            _p256.public_key_from_jwk({**STAMP_JWK, "y": STAMP_JWK["x"]})

    def test_another_key_does_not_verify(self) -> None:
        _, other = _ecdsa_sign.keypair()
        message, r, s = RFC6979_VECTORS[0]
        self.assertFalse(_p256.verify(r, s, sha256_int(message), other))

    def test_wrong_signature_length_is_refused(self) -> None:
        public = _p256.public_key_from_jwk(STAMP_JWK)
        signature = _p256.b64url_decode(STAMP_SIGNATURE)
        self.assertFalse(_p256.verify_p1363(public, signature[:63], STAMP_BYTES))
        self.assertFalse(_p256.verify_p1363(public, signature + b"\x00", STAMP_BYTES))

    def test_jwk_parsing_refuses_other_keys(self) -> None:
        for bad in (
            {**STAMP_JWK, "crv": "P-384"},
            {**STAMP_JWK, "kty": "RSA"},
            {**STAMP_JWK, "x": "AAAA"},
            {**STAMP_JWK, "x": "not base64url!"},
        ):
            with self.subTest(bad=bad):
                with self.assertRaises(ValueError):
                    _p256.public_key_from_jwk(bad)

    def test_signatures_of_the_test_signer_verify(self) -> None:
        private, public = _ecdsa_sign.keypair()
        for message in (b"", b"hello", os.urandom(300)):
            signature = _ecdsa_sign.sign_p1363(private, message)
            self.assertTrue(_p256.verify_p1363(public, signature, message))
            self.assertFalse(_p256.verify_p1363(public, signature, message + b"x"))


@unittest.skipUnless(shutil.which("openssl"), "openssl is not installed")
class OpenSSLInteropTest(unittest.TestCase):
    """Signatures by OpenSSL verify here, and signatures by the test signer verify in OpenSSL."""

    def setUp(self) -> None:
        self.dir = tempfile.mkdtemp(prefix="poy-p256-")
        self.key = os.path.join(self.dir, "key.pem")
        self.pub = os.path.join(self.dir, "pub.pem")
        subprocess.run(
            ["openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", self.key],
            check=True,
            capture_output=True,
        )
        subprocess.run(["openssl", "ec", "-in", self.key, "-pubout", "-out", self.pub], check=True, capture_output=True)
        der = subprocess.run(
            ["openssl", "ec", "-in", self.key, "-pubout", "-outform", "DER"], check=True, capture_output=True
        ).stdout
        self.public = _p256.public_key_from_uncompressed(der[-65:])

    def tearDown(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)

    def _openssl_sign(self, message: bytes) -> Tuple[int, int]:
        path = os.path.join(self.dir, "message")
        with open(path, "wb") as handle:
            handle.write(message)
        der = subprocess.run(
            ["openssl", "dgst", "-sha256", "-sign", self.key, path], check=True, capture_output=True
        ).stdout
        return parse_der_signature(der)

    def test_openssl_signatures_verify(self) -> None:
        for message in (b"poy", b"poy-stamp/v1\nlive\n", os.urandom(1000)):
            r, s = self._openssl_sign(message)
            with self.subTest(length=len(message)):
                self.assertTrue(_p256.verify(r, s, sha256_int(message), self.public))
                self.assertFalse(_p256.verify(r, s, sha256_int(message + b"\n"), self.public))

    def test_test_signer_signatures_verify_in_openssl(self) -> None:
        private, public = _ecdsa_sign.keypair()
        pem_dir = self.dir
        # A PEM public key for OpenSSL: SubjectPublicKeyInfo header for P-256 + the uncompressed point.
        prefix = bytes.fromhex("3059301306072a8648ce3d020106082a8648ce3d030107034200")
        point = b"\x04" + public[0].to_bytes(32, "big") + public[1].to_bytes(32, "big")
        der_path = os.path.join(pem_dir, "mine.der")
        with open(der_path, "wb") as handle:
            handle.write(prefix + point)
        message = b"signed by the test signer"
        message_path = os.path.join(pem_dir, "mine.msg")
        with open(message_path, "wb") as handle:
            handle.write(message)
        signature_path = os.path.join(pem_dir, "mine.sig")
        with open(signature_path, "wb") as handle:
            handle.write(_ecdsa_sign.der_signature(private, message))
        result = subprocess.run(
            [
                "openssl", "dgst", "-sha256", "-verify", der_path, "-keyform", "DER",
                "-signature", signature_path, message_path,
            ],
            capture_output=True,
        )
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)


if __name__ == "__main__":
    unittest.main()
