"""The shared test vectors (``spec/test-vectors/``), which the server and the TypeScript SDK run too.

Every good case must verify and every bad one be refused; the signed bytes are recomputed here with
hmac/hashlib/base64 (independently of the SDK), so a changed secret, body, id, timestamp, claim or
field makes a case fail; and each file's SHA-256 must be the one in SHA256SUMS, so any other changed
byte fails as well.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import unittest
from typing import Any, Dict, List
from unittest import mock

import _support
from poyverify import _es256
from poyverify import (
    stamp_signed_bytes,
    verify_connect_signature,
    verify_poy_signature,
    verify_redirect_result,
    verify_session_token_offline,
    verify_stamp_offline,
    verify_standard_webhook,
    verify_webhook,
)

VECTORS = os.path.join(_support.REPO_ROOT, "spec", "test-vectors")
# Python reports only the API's reasons: an nbf in the future is malformed, as the server answers.
API_REASON = {"not_yet_valid": "malformed"}


def read_vectors(name: str) -> Dict[str, Any]:
    """The parsed file, after checking its bytes against SHA256SUMS."""
    with open(os.path.join(VECTORS, "SHA256SUMS"), encoding="utf-8") as handle:
        sums = handle.read()
    match = re.search(r"^([0-9a-f]{64})  " + re.escape(name) + r"$", sums, re.MULTILINE)
    if match is None:
        raise AssertionError(f"SHA256SUMS has no line for {name}")
    with open(os.path.join(VECTORS, name), "rb") as handle:
        data = handle.read()
    actual = hashlib.sha256(data).hexdigest()
    if actual != match.group(1):
        raise AssertionError(f"spec/test-vectors/{name} changed (SHA-256 {actual}, SHA256SUMS says {match.group(1)})")
    parsed = json.loads(data.decode("utf-8"))
    assert isinstance(parsed, dict)
    return parsed


def signature_headers(sent: Dict[str, Any]) -> Dict[str, str]:
    """The signature headers POY sends for ``sent``, computed with hmac alone."""
    body = sent["body"].encode("utf-8")
    current = sent["secrets"]["current"]
    secrets = [current] + ([sent["secrets"]["previous"]] if sent["secrets"]["previous"] is not None else [])
    signed = f"{sent['webhookId']}.{sent['timestamp']}.".encode("utf-8") + body
    standard = [
        "v1," + base64.b64encode(hmac.new(base64.b64decode(s[len("whsec_") :]), signed, hashlib.sha256).digest()).decode()
        for s in secrets
    ]
    mac = hmac.new(current.encode("utf-8"), body, hashlib.sha256).hexdigest()
    headers = {
        "webhook-id": sent["webhookId"],
        "webhook-timestamp": str(sent["timestamp"]),
        "webhook-signature": " ".join(standard),
    }
    if sent["surface"] == "poy":
        headers["x-poy-signature"] = mac
    else:
        headers["x-hub-signature-256"] = "sha256=" + mac
    return headers


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def segment(value: Any) -> str:
    """A JWS part as the server writes it: compact JSON (JSON.stringify), then base64url."""
    return b64url(json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8"))


class WebhookVectorTest(unittest.TestCase):
    def test_every_case(self) -> None:
        cases: List[Dict[str, Any]] = read_vectors("webhook-signatures.json")["cases"]
        for scheme in ("poy", "connect", "standard"):
            answers = {case["valid"] for case in cases if case["scheme"] == scheme}
            self.assertEqual(answers, {True, False}, f"{scheme} has good and bad cases")
        for case in cases:
            with self.subTest(case["name"]):
                for name, value in signature_headers(case["sent"]).items():
                    self.assertEqual(case["sentHeaders"][name], value, f"{name} recomputed from what was sent")
                body = case["received"]["body"].encode("utf-8")
                headers = case["received"]["headers"]
                receiver = case["receiver"]
                secret = receiver["secret"]
                if case["scheme"] == "poy":
                    valid = verify_poy_signature(body, headers["x-poy-signature"], secret)
                elif case["scheme"] == "connect":
                    valid = verify_connect_signature(body, headers["x-hub-signature-256"], secret)
                else:
                    valid = verify_standard_webhook(
                        body, headers, secret, tolerance_seconds=receiver["toleranceSeconds"], now=receiver["now"]
                    )
                self.assertIs(valid, case["valid"])
                answer = verify_webhook(
                    body, headers, [secret], tolerance_seconds=receiver["toleranceSeconds"], now=receiver["now"]
                )
                self.assertIs(answer, case["valid"], "verify_webhook with the headers")


def statement_bytes(statement: Dict[str, Any]) -> bytes:
    return stamp_signed_bytes(
        mode=statement["mode"],
        stamp_id=statement["stampId"],
        content_hash=statement["contentHash"],
        content_type=statement["contentType"],
        created_by=statement["createdBy"],
        created_at=statement["createdAt"],
    )


class StampVectorTest(unittest.TestCase):
    def setUp(self) -> None:
        self.vectors = read_vectors("stamps.json")

    def test_statements(self) -> None:
        for case in self.vectors["statements"]:
            with self.subTest(case["name"]):
                if "bytesHex" in case:
                    self.assertEqual(statement_bytes(case["statement"]).hex(), case["bytesHex"])
                else:
                    with self.assertRaisesRegex(ValueError, case["invalidField"]):
                        statement_bytes(case["statement"])

    def test_stamps(self) -> None:
        for case in self.vectors["stamps"]:
            with self.subTest(case["name"]):
                self.assertEqual(statement_bytes(case["signed"]["statement"]).hex(), case["signed"]["bytesHex"])
                check = verify_stamp_offline(
                    case["stamp"],
                    self.vectors["jwks"],
                    content=case.get("content"),
                    content_hash=case.get("contentHash"),
                    allow_test=case["acceptTest"],
                )
                expected = case["expected"]
                self.assertIs(check.valid, expected["valid"], check)
                if expected["valid"]:
                    self.assertEqual(
                        (check.mode, check.key_id, check.content_hash),
                        (expected["mode"], expected["keyId"], expected["contentHash"]),
                    )
                else:
                    self.assertEqual(check.reason, expected["reason"])


class SessionTokenVectorTest(unittest.TestCase):
    def test_every_case(self) -> None:
        vectors = read_vectors("session-tokens.json")
        for case in vectors["cases"]:
            with self.subTest(case["name"]):
                parts = case["token"][len("poy_sess_") :].split(".")
                if "signed" in case:
                    self.assertEqual(parts[0], segment(case["signed"]["header"]), "the header is the signed one")
                    self.assertEqual(parts[1], segment(case["signed"]["claims"]), "the claims are the signed ones")
                expect = case["expect"]
                check = verify_session_token_offline(
                    case["token"],
                    case.get("jwks", vectors["jwks"]),
                    audience=expect.get("audience"),
                    issuer=expect.get("issuer"),
                    now=expect["now"],
                    project_id=expect.get("projectId"),
                    mode=expect.get("mode"),
                    clock_tolerance_seconds=expect.get("clockToleranceSeconds", 0),
                )
                expected = case["expected"]
                self.assertIs(check.valid, expected["valid"], check)
                if expected["valid"]:
                    assert check.claims is not None
                    self.assertEqual(check.claims.raw, expected["claims"])
                    self.assertEqual(check.claims.user_id, expected["claims"]["sub"])
                else:
                    self.assertEqual(check.reason, API_REASON.get(expected["reason"], expected["reason"]))


class RedirectResultVectorTest(unittest.TestCase):
    def test_every_case(self) -> None:
        vectors = read_vectors("redirect-results.json")
        names = [case["name"] for case in vectors["cases"]]
        for required in ("valid/all-expectations", "invalid/changed-payload-byte", "invalid/changed-signature-byte",
                         "invalid/wrong-typ", "invalid/wrong-audience", "invalid/expired", "invalid/unknown-kid"):
            self.assertIn(required, names)
        for case in vectors["cases"]:
            with self.subTest(case["name"]):
                parts = case["token"].split(".")
                if "signed" in case:
                    self.assertEqual(parts[0], segment(case["signed"]["header"]), "the header is the signed one")
                    self.assertEqual(parts[1], segment(case["signed"]["claims"]), "the claims are the signed ones")
                expect = case["expect"]
                check = verify_redirect_result(
                    case["token"],
                    case.get("jwks", vectors["jwks"]),
                    expect["projectId"],
                    issuer=expect.get("issuer"),
                    mode=expect.get("mode"),
                    now=expect["now"],
                    clock_tolerance_seconds=expect.get("clockToleranceSeconds", 0),
                )
                expected = case["expected"]
                self.assertIs(check.valid, expected["valid"], check)
                if expected["valid"]:
                    assert check.claims is not None
                    self.assertEqual(check.claims.raw, expected["claims"])
                    self.assertEqual(check.claims.user_id, expected["claims"]["sub"])
                    self.assertEqual(check.status, expected["claims"]["status"])
                else:
                    self.assertEqual(check.reason, expected["reason"])


class PurePythonVerifier(unittest.TestCase):
    """Mixin: the cases again with the pure-Python verifier forced, the path taken where the
    ``cryptography`` package is not installed (the classes above use whichever is the default)."""

    def setUp(self) -> None:
        super().setUp()
        _es256.clear_cache()
        patcher = mock.patch.object(_es256, "default_backend", return_value="pure")
        patcher.start()
        self.addCleanup(patcher.stop)
        self.addCleanup(_es256.clear_cache)


class StampVectorPurePythonTest(PurePythonVerifier, StampVectorTest):
    pass


class SessionTokenVectorPurePythonTest(PurePythonVerifier, SessionTokenVectorTest):
    pass


class RedirectResultVectorPurePythonTest(PurePythonVerifier, RedirectResultVectorTest):
    pass


if __name__ == "__main__":
    unittest.main()
