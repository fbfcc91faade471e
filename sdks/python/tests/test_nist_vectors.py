"""NIST CAVP ECDSA known answers (FIPS 186-3, P-256 with SHA-256) against both ES256 backends.

Every SigVer case must get NIST's answer (valid, or invalid because the message, the key, R or S was
changed) and every SigGen signature must verify, from the pure-Python verifier and from OpenSSL through
``cryptography``. The vectors come from Debian's ``python3-cryptography-vectors`` package (the files
``cryptography`` itself tests with), read where it is installed; CI installs it (.ci/run), and there
the test refuses to skip. Project Wycheproof's files are not in any registry this project installs
from, so its edge cases (zero, n and out-of-range scalars, keys off the curve, wrong lengths) are
written out in test_p256.py instead.
"""

from __future__ import annotations

import base64
import os
import unittest
from typing import Dict, List, Optional

import _support  # noqa: F401  (puts src/ on the import path)
from poyverify import _es256

VECTOR_DIRS = [
    "/usr/lib/python3/dist-packages/cryptography_vectors/asymmetric/ECDSA/FIPS_186-3",
]
try:  # a virtual environment may have the vectors installed as a package instead
    import cryptography_vectors  # type: ignore[import-not-found]

    VECTOR_DIRS.insert(
        0, os.path.join(os.path.dirname(cryptography_vectors.__file__), "asymmetric", "ECDSA", "FIPS_186-3")
    )
except ImportError:
    pass

SECTION = "[P-256,SHA-256]"


def find_vectors(name: str) -> Optional[str]:
    for directory in VECTOR_DIRS:
        path = os.path.join(directory, name)
        if os.path.isfile(path):
            return path
    return None


def read_section(path: str, section: str) -> List[Dict[str, str]]:
    """The ``key = value`` records of one ``[curve,hash]`` section of a CAVP response file."""
    records: List[Dict[str, str]] = []
    current: Dict[str, str] = {}
    inside = False
    with open(path, encoding="ascii") as handle:
        for raw in handle:
            line = raw.strip()
            if line.startswith("["):
                inside = line == section
                continue
            if not inside or line.startswith("#"):
                continue
            if not line:
                if current:
                    records.append(current)
                    current = {}
                continue
            name, _, value = line.partition("=")
            current[name.strip()] = value.strip()
    if inside and current:
        records.append(current)
    return records


def b64url(hex_text: str) -> str:
    return base64.urlsafe_b64encode(bytes.fromhex(hex_text.rjust(64, "0"))).rstrip(b"=").decode("ascii")


def signature_of(record: Dict[str, str]) -> bytes:
    return bytes.fromhex(record["R"].rjust(64, "0")) + bytes.fromhex(record["S"].rjust(64, "0"))


def verifies(record: Dict[str, str], backend: str) -> bool:
    jwk = {"kty": "EC", "crv": "P-256", "x": b64url(record["Qx"]), "y": b64url(record["Qy"])}
    try:
        key = _es256.key_from_jwk(jwk, backend=backend)
    except ValueError:
        return False  # a changed key may leave the curve: refused before any signature check
    return key.verify(signature_of(record), bytes.fromhex(record["Msg"]))


def require(name: str) -> str:
    path = find_vectors(name)
    if path is None:
        message = f"NIST CAVP {name} not found (Debian package python3-cryptography-vectors)"
        if os.environ.get("CI"):
            raise AssertionError(message)
        raise unittest.SkipTest(message)
    return path


class NistVectorTests(unittest.TestCase):
    def backends(self) -> List[str]:
        return ["pure", "cryptography"] if _es256.HAVE_CRYPTOGRAPHY else ["pure"]

    def test_sigver_answers(self) -> None:
        records = read_section(require("SigVer.rsp"), SECTION)
        self.assertEqual(len(records), 15)
        outcomes = {record["Result"][0] for record in records}
        self.assertEqual(outcomes, {"P", "F"}, "the section holds both valid and invalid cases")
        for backend in self.backends():
            for index, record in enumerate(records):
                with self.subTest(backend=backend, case=index, result=record["Result"]):
                    self.assertEqual(verifies(record, backend), record["Result"].startswith("P"))

    def test_siggen_signatures_verify_and_break_when_changed(self) -> None:
        records = read_section(require("SigGen.txt"), SECTION)
        self.assertGreaterEqual(len(records), 10)
        for backend in self.backends():
            for index, record in enumerate(records):
                with self.subTest(backend=backend, case=index):
                    self.assertTrue(verifies(record, backend))
                    changed = dict(record, Msg=record["Msg"][:-2] + format(int(record["Msg"][-2:], 16) ^ 1, "02x"))
                    self.assertFalse(verifies(changed, backend))


if __name__ == "__main__":
    unittest.main()
