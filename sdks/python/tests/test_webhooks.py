"""Webhook signature helpers, with vectors computed independently with hmac/hashlib/base64."""

from __future__ import annotations

import base64
import email.message
import hashlib
import hmac
import json
import os
import shutil
import subprocess
import time
import unittest

import _support
from poyverify import (
    WebhookVerificationError,
    parse_event,
    verify_connect_signature,
    verify_poy_signature,
    verify_standard_webhook,
    verify_webhook,
)

SECRET = "whsec_" + base64.b64encode(bytes(range(24))).decode()  # the server's format: 24 bytes
BODY = b'{"event":"user.verified","timestamp":"2026-04-07T12:00:00.000Z","data":{"userId":"usr_abc123","poyId":"PoY #00482A1","trustScore":94}}'
WEBHOOK_ID = "wd_01HZYX"
TIMESTAMP = 1_775_563_200  # 2026-04-07T12:00:00Z


def poy_signature(body: bytes, secret: str) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def standard_signature(body: bytes, secret: str, webhook_id: str = WEBHOOK_ID, timestamp: int = TIMESTAMP) -> str:
    key = base64.b64decode(secret[len("whsec_") :])
    mac = hmac.new(key, f"{webhook_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    return "v1," + base64.b64encode(mac).decode()


def standard_headers(signature: str, webhook_id: str = WEBHOOK_ID, timestamp: int = TIMESTAMP) -> dict:
    return {"webhook-id": webhook_id, "webhook-timestamp": str(timestamp), "webhook-signature": signature}


class PoySignatureTest(unittest.TestCase):
    def test_fixed_vector(self) -> None:
        # Fixed independently with `printf hello | openssl dgst -sha256 -hmac whsec_test`.
        expected = "fa1f2843ca221403e67c335d22ed782f1f2b5a33261fbee70bd5ae4cbff02490"
        self.assertEqual(poy_signature(b"hello", "whsec_test"), expected)
        self.assertTrue(verify_poy_signature(b"hello", expected, "whsec_test"))
        self.assertTrue(verify_connect_signature(b"hello", "sha256=" + expected, "whsec_test"))

    def test_valid_signature(self) -> None:
        signature = poy_signature(BODY, SECRET)
        self.assertTrue(verify_poy_signature(BODY, signature, SECRET))
        self.assertTrue(verify_poy_signature(BODY.decode(), signature, SECRET))  # str body
        self.assertTrue(verify_poy_signature(bytearray(BODY), signature.upper(), SECRET))

    def test_refuses_changes(self) -> None:
        signature = poy_signature(BODY, SECRET)
        self.assertFalse(verify_poy_signature(BODY + b" ", signature, SECRET))
        self.assertFalse(verify_poy_signature(BODY, signature, SECRET + "x"))
        self.assertFalse(verify_poy_signature(BODY, signature[:-1] + "0", SECRET))
        self.assertFalse(verify_poy_signature(BODY, "", SECRET))
        self.assertFalse(verify_poy_signature(BODY, None, SECRET))
        self.assertFalse(verify_poy_signature(BODY, "zz\u00e9", SECRET))

    def test_reserialized_json_does_not_verify(self) -> None:
        signature = poy_signature(BODY, SECRET)
        reserialized = json.dumps(json.loads(BODY)).encode()
        self.assertFalse(verify_poy_signature(reserialized, signature, SECRET))

    def test_several_secrets_during_rotation(self) -> None:
        signature = poy_signature(BODY, SECRET)
        self.assertTrue(verify_poy_signature(BODY, signature, ["whsec_new", SECRET]))
        self.assertFalse(verify_poy_signature(BODY, signature, ["whsec_new", "whsec_other"]))
        self.assertFalse(verify_poy_signature(BODY, signature, []))


class ConnectSignatureTest(unittest.TestCase):
    def test_valid(self) -> None:
        header = "sha256=" + poy_signature(BODY, SECRET)
        self.assertTrue(verify_connect_signature(BODY, header, SECRET))
        self.assertTrue(verify_connect_signature(BODY, "SHA256=" + header[7:], SECRET))

    def test_refuses(self) -> None:
        bare = poy_signature(BODY, SECRET)
        self.assertFalse(verify_connect_signature(BODY, bare, SECRET))  # prefix required
        self.assertFalse(verify_connect_signature(BODY, "sha1=" + bare, SECRET))
        self.assertFalse(verify_connect_signature(BODY + b"x", "sha256=" + bare, SECRET))
        self.assertFalse(verify_connect_signature(BODY, None, SECRET))


class StandardWebhookTest(unittest.TestCase):
    def test_valid(self) -> None:
        headers = standard_headers(standard_signature(BODY, SECRET))
        self.assertTrue(verify_standard_webhook(BODY, headers, SECRET, now=TIMESTAMP + 10))

    def test_key_is_the_decoded_secret_not_the_string(self) -> None:
        wrong_key_mac = hmac.new(SECRET.encode(), f"{WEBHOOK_ID}.{TIMESTAMP}.".encode() + BODY, hashlib.sha256)
        headers = standard_headers("v1," + base64.b64encode(wrong_key_mac.digest()).decode())
        self.assertFalse(verify_standard_webhook(BODY, headers, SECRET, now=TIMESTAMP))

    def test_several_signatures_and_unknown_versions(self) -> None:
        good = standard_signature(BODY, SECRET)
        other = standard_signature(BODY, "whsec_" + base64.b64encode(b"x" * 24).decode())
        value = f"v2,{good[3:]} {other} v1a,abc {good}"
        self.assertTrue(verify_standard_webhook(BODY, standard_headers(value), SECRET, now=TIMESTAMP))
        # A valid MAC under an unknown version is skipped, not accepted.
        only_unknown = f"v2,{good[3:]} v1a,{good[3:]}"
        self.assertFalse(verify_standard_webhook(BODY, standard_headers(only_unknown), SECRET, now=TIMESTAMP))

    def test_rotation_old_and_new_secret(self) -> None:
        new_secret = "whsec_" + base64.b64encode(os.urandom(24)).decode()
        both = f"{standard_signature(BODY, new_secret)} {standard_signature(BODY, SECRET)}"
        self.assertTrue(verify_standard_webhook(BODY, standard_headers(both), SECRET, now=TIMESTAMP))
        self.assertTrue(verify_standard_webhook(BODY, standard_headers(both), new_secret, now=TIMESTAMP))
        single = standard_headers(standard_signature(BODY, SECRET))
        self.assertTrue(verify_standard_webhook(BODY, single, [new_secret, SECRET], now=TIMESTAMP))

    def test_timestamp_tolerance(self) -> None:
        headers = standard_headers(standard_signature(BODY, SECRET))
        self.assertTrue(verify_standard_webhook(BODY, headers, SECRET, now=TIMESTAMP + 300))
        self.assertTrue(verify_standard_webhook(BODY, headers, SECRET, now=TIMESTAMP - 300))
        self.assertFalse(verify_standard_webhook(BODY, headers, SECRET, now=TIMESTAMP + 301))
        self.assertFalse(verify_standard_webhook(BODY, headers, SECRET, now=TIMESTAMP - 301))
        self.assertTrue(verify_standard_webhook(BODY, headers, SECRET, tolerance_seconds=3600, now=TIMESTAMP + 3000))
        # Default now = the current time: a 2026-04-07 delivery is far outside 5 minutes later on.
        if time.time() > TIMESTAMP + 300:
            self.assertFalse(verify_standard_webhook(BODY, headers, SECRET))

    def test_now_as_datetime(self) -> None:
        from datetime import datetime, timezone

        headers = standard_headers(standard_signature(BODY, SECRET))
        when = datetime.fromtimestamp(TIMESTAMP + 5, timezone.utc)
        self.assertTrue(verify_standard_webhook(BODY, headers, SECRET, now=when))

    def test_signed_content_binds_id_and_timestamp(self) -> None:
        signature = standard_signature(BODY, SECRET)
        self.assertFalse(verify_standard_webhook(BODY, standard_headers(signature, webhook_id="wd_other"), SECRET, now=TIMESTAMP))
        moved = standard_headers(signature, timestamp=TIMESTAMP + 1)
        self.assertFalse(verify_standard_webhook(BODY, moved, SECRET, now=TIMESTAMP))
        self.assertFalse(verify_standard_webhook(BODY + b" ", standard_headers(signature), SECRET, now=TIMESTAMP))

    def test_missing_or_malformed_headers(self) -> None:
        signature = standard_signature(BODY, SECRET)
        for missing in ("webhook-id", "webhook-timestamp", "webhook-signature"):
            headers = standard_headers(signature)
            del headers[missing]
            with self.subTest(missing=missing):
                self.assertFalse(verify_standard_webhook(BODY, headers, SECRET, now=TIMESTAMP))
        bad_time = {**standard_headers(signature), "webhook-timestamp": "soon"}
        self.assertFalse(verify_standard_webhook(BODY, bad_time, SECRET, now=TIMESTAMP))
        self.assertFalse(verify_standard_webhook(BODY, standard_headers("v1,"), SECRET, now=TIMESTAMP))
        self.assertFalse(verify_standard_webhook(BODY, standard_headers(signature), "whsec_not*base64", now=TIMESTAMP))

    def test_header_names_in_any_case_and_http_server_headers(self) -> None:
        signature = standard_signature(BODY, SECRET)
        upper = {"Webhook-Id": WEBHOOK_ID, "WEBHOOK-TIMESTAMP": str(TIMESTAMP), "Webhook-Signature": signature}
        self.assertTrue(verify_standard_webhook(BODY, upper, SECRET, now=TIMESTAMP))
        message = email.message.Message()  # what http.server hands a handler as self.headers
        for name, value in upper.items():
            message[name] = value
        self.assertTrue(verify_standard_webhook(BODY, message, SECRET, now=TIMESTAMP))


class VerifyWebhookAndParseEventTest(unittest.TestCase):
    def test_prefers_standard_webhooks_when_present(self) -> None:
        headers = {**standard_headers(standard_signature(BODY, SECRET)), "X-POY-Signature": poy_signature(BODY, SECRET)}
        self.assertTrue(verify_webhook(BODY, headers, SECRET, now=TIMESTAMP))
        self.assertFalse(verify_webhook(BODY, headers, SECRET, now=TIMESTAMP + 3600))  # a replay

    def test_falls_back_to_the_surface_signature(self) -> None:
        self.assertTrue(verify_webhook(BODY, {"X-POY-Signature": poy_signature(BODY, SECRET)}, SECRET))
        hub = {"X-Hub-Signature-256": "sha256=" + poy_signature(BODY, SECRET)}
        self.assertTrue(verify_webhook(BODY, hub, SECRET))
        self.assertFalse(verify_webhook(BODY, {}, SECRET))

    def test_parse_event(self) -> None:
        headers = standard_headers(standard_signature(BODY, SECRET))
        event = parse_event(BODY, headers, SECRET, now=TIMESTAMP)
        self.assertEqual(event["event"], "user.verified")
        self.assertEqual(event["data"]["trustScore"], 94)
        with self.assertRaises(WebhookVerificationError) as caught:
            parse_event(BODY, headers, "whsec_" + base64.b64encode(b"y" * 24).decode(), now=TIMESTAMP)
        self.assertIn("raw body", str(caught.exception))


NODE_SIGNER = r"""
const { Webhook } = require('standardwebhooks');
const [secret, id, ts, body] = process.argv.slice(1);
const wh = new Webhook(secret);
process.stdout.write(wh.sign(id, new Date(Number(ts) * 1000), body));
"""


@unittest.skipUnless(shutil.which("node"), "node is not installed")
class StandardWebhooksLibraryInteropTest(unittest.TestCase):
    """Signatures made by the reference `standardwebhooks` npm package (a devDependency of the repo)."""

    def test_reference_library_signature_verifies(self) -> None:
        modules = os.path.join(_support.REPO_ROOT, "node_modules", "standardwebhooks")
        if not os.path.isdir(modules):
            self.skipTest("node_modules/standardwebhooks is not installed (run npm install at the repo root)")
        result = subprocess.run(
            ["node", "-e", NODE_SIGNER, SECRET, WEBHOOK_ID, str(TIMESTAMP), BODY.decode()],
            cwd=_support.REPO_ROOT,
            capture_output=True,
            text=True,
            timeout=30,
        )
        self.assertEqual(result.returncode, 0, result.stderr)
        signature = result.stdout.strip()
        self.assertEqual(signature, standard_signature(BODY, SECRET))
        self.assertTrue(verify_standard_webhook(BODY, standard_headers(signature), SECRET, now=TIMESTAMP))


if __name__ == "__main__":
    unittest.main()
