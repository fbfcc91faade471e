"""Integration tests against the REAL POY server, started as a subprocess once for this module:
the seed's quick start as printed, error mapping, a real stamp and a real session token verified
offline, and real webhook deliveries verified with all three signature helpers.

Skipped (not failed) when node or the repo's node_modules are missing. Set POY_SDK_SKIP_INTEGRATION=1
to skip them on purpose. The server's per-key limit (free plan: 60 requests a minute) is respected:
the whole module makes about 40 keyed requests.
"""

from __future__ import annotations

import asyncio
import glob
import json
import os
import subprocess
import sys
import threading
import time
import unittest
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, List, Optional

import _support
from _authenticator import SoftwareAuthenticator
from _poy_server import PoyServer, ServerUnavailable
from poyverify import (
    AsyncPOYVerify,
    AuthenticationError,
    ConflictError,
    InvalidRequestError,
    NotFoundError,
    PermissionDeniedError,
    POYVerify,
    RateLimitError,
    content_hash,
    parse_event,
    verify_connect_signature,
    verify_poy_signature,
    verify_session_token_offline,
    verify_stamp_offline,
    verify_standard_webhook,
)

# The Python quick start of the POY developer docs (shared/seeds/004_*.txt), line for line. The seed
# prints it on one line and ends at the comment `# trusted user`; Python needs a statement in the
# `if` block, so the test appends one indented line after the comment (see run_quick_start).
SEED_QUICK_START = [
    "from poyverify import POYVerify",
    'poy = POYVerify(api_key="your-api-key")',
    "result = poy.verify(user_id)",
    "if result.is_human:",
    "    # trusted user",
]
TRUSTED_MARKER = "TRUSTED-USER-BRANCH-TAKEN"


def seed_text() -> Optional[str]:
    candidates = glob.glob(os.path.join(os.path.dirname(_support.REPO_ROOT), "shared", "seeds", "004_*.txt"))
    candidates += glob.glob("/work/shared/seeds/004_*.txt")
    for path in candidates:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    return None


class Receiver:
    """Receives webhook deliveries on 127.0.0.1 and keeps the raw bytes and headers of each."""

    def __init__(self) -> None:
        self.deliveries: List[Dict[str, Any]] = []
        self.changed = threading.Condition()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                with outer.changed:
                    outer.deliveries.append({"path": self.path, "headers": self.headers, "body": body})
                    outer.changed.notify_all()
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(b"ok")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = int(self.server.server_address[1])
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def wait_for(self, match: Callable[[Dict[str, Any]], bool], timeout: float = 30.0) -> List[Dict[str, Any]]:
        deadline = time.monotonic() + timeout
        with self.changed:
            while True:
                found = [d for d in self.deliveries if match(d)]
                remaining = deadline - time.monotonic()
                if found or remaining <= 0:
                    return found
                self.changed.wait(remaining)

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def body_json(delivery: Dict[str, Any]) -> Any:
    try:
        return json.loads(delivery["body"])
    except ValueError:
        return None


@unittest.skipIf(os.environ.get("POY_SDK_SKIP_INTEGRATION") == "1", "POY_SDK_SKIP_INTEGRATION=1")
class RealServerTest(unittest.TestCase):
    server: PoyServer
    receiver: Receiver
    key: str
    poy: POYVerify
    verified_user: str
    public_id: str
    project_id: str

    @classmethod
    def setUpClass(cls) -> None:
        cls.server = PoyServer()
        try:
            cls.server.start()
        except ServerUnavailable as reason:
            raise unittest.SkipTest(str(reason))
        try:
            assert cls.server.api_key is not None
            cls.key = cls.server.api_key
            cls.receiver = Receiver()
            cls.poy = POYVerify(api_key=cls.key, base_url=cls.server.base_url)
            project = cls.poy.get_project()
            cls.public_id = project.public_id
            cls.project_id = project.id
            cls.verified_user = f"usr_{uuid.uuid4().hex[:12]}"
            outcome = cls.poy.sandbox_outcome(cls.verified_user, "verified")
            assert outcome.is_human, outcome
        except BaseException:
            cls.server.stop()
            raise

    @classmethod
    def tearDownClass(cls) -> None:
        try:
            receiver = getattr(cls, "receiver", None)
            if receiver is not None:
                receiver.stop()
        finally:
            cls.server.stop()

    # -- the seed's quick start ---------------------------------------------------------------

    def run_quick_start(self, user_id: str) -> str:
        lines = [f"user_id = {user_id!r}"]
        lines += [line.replace("your-api-key", self.key) for line in SEED_QUICK_START]
        lines.append(f"    print({TRUSTED_MARKER!r})")  # the statement the comment stands for
        env = {**os.environ, "POY_BASE_URL": self.server.base_url, "PYTHONPATH": _support.SRC}
        env.pop("POY_API_KEY", None)
        done = subprocess.run(
            [sys.executable, "-c", "\n".join(lines)], env=env, capture_output=True, text=True, timeout=60
        )
        self.assertEqual(done.returncode, 0, done.stderr)
        return done.stdout

    def test_seed_quick_start_takes_the_trusted_user_branch(self) -> None:
        text = seed_text()
        if text is not None:  # the snippet above is the seed's, word for word
            flat = " ".join(" ".join(SEED_QUICK_START).split())
            self.assertIn(flat, " ".join(text.split()))
        self.assertIn(TRUSTED_MARKER, self.run_quick_start(self.verified_user))

    def test_seed_quick_start_skips_the_branch_for_an_unverified_user(self) -> None:
        self.assertNotIn(TRUSTED_MARKER, self.run_quick_start(f"usr_new_{uuid.uuid4().hex[:8]}"))

    def test_verify_and_check_results(self) -> None:
        result = self.poy.verify(self.verified_user, check_type="quick", metadata={"ip": "203.0.113.42", "userAgent": "tests"})
        self.assertTrue(result.is_human)
        self.assertRegex(result.poy_id or "", r"^PoY #[0-9A-F]{7}$")
        self.assertEqual(result.checks.liveness, "pass")
        self.assertIsNotNone(result.verified_at)
        self.assertGreaterEqual(result.trust_score, 50)
        check = self.poy.check(self.verified_user)
        self.assertTrue(check.is_human)
        self.assertEqual(check.poy_id, result.poy_id)
        # Sandbox identities have no public profile (a profile is a claim about a real person).
        with self.assertRaises(NotFoundError):
            self.poy.get_profile(result.poy_id or "")
        trust = self.poy.get_trust(self.verified_user)
        self.assertIn(trust.level, ("high", "medium", "low", "none"))

    def test_async_client_against_the_server(self) -> None:
        async def run() -> None:
            async with AsyncPOYVerify(api_key=self.key, base_url=self.server.base_url) as poy:
                results = await asyncio.gather(poy.verify(self.verified_user), poy.check(self.verified_user))
                self.assertTrue(all(r.is_human for r in results))
                with self.assertRaises(NotFoundError):
                    await poy.get_trust(f"never-seen-{uuid.uuid4().hex}")

        asyncio.run(run())

    # -- errors -------------------------------------------------------------------------------

    def test_error_mapping_400_401_403_404(self) -> None:
        with self.assertRaises(InvalidRequestError) as bad:
            self.poy.verify("x" * 300)
        self.assertEqual((bad.exception.status, bad.exception.code), (400, "invalid_request"))
        self.assertIn("userId", bad.exception.message)
        self.assertTrue((bad.exception.request_id or "").startswith("req_"))

        wrong_key = POYVerify(api_key="poy_test_" + "x" * 32, base_url=self.server.base_url)
        with self.assertRaises(AuthenticationError) as unauthorized:
            wrong_key.check("usr_1")
        self.assertEqual((unauthorized.exception.status, unauthorized.exception.code), (401, "unauthorized"))
        with self.assertRaises(AuthenticationError) as connect_unauthorized:
            wrong_key.connect.get_status(reference_user_id="anyone")
        self.assertEqual(connect_unauthorized.exception.code, "UNAUTHORIZED")
        self.assertEqual(connect_unauthorized.exception.type, "unauthorized")

        with self.assertRaises(PermissionDeniedError) as forbidden:
            self.poy.stamps.create(f"usr_unverified_{uuid.uuid4().hex[:8]}", content_hash(b"x"), "article")
        self.assertEqual((forbidden.exception.status, forbidden.exception.code), (403, "forbidden"))

        with self.assertRaises(NotFoundError) as missing:
            self.poy.get_trust(f"never-seen-{uuid.uuid4().hex}")
        self.assertEqual((missing.exception.status, missing.exception.code), (404, "not_found"))
        with self.assertRaises(NotFoundError) as connect_missing:
            self.poy.connect.get_status(reference_user_id=f"nobody-{uuid.uuid4().hex}")
        self.assertEqual(connect_missing.exception.code, "DOES_NOT_EXIST")
        self.assertEqual(connect_missing.exception.status, 404)

    def test_error_mapping_429_on_public_enroll(self) -> None:
        public = POYVerify(base_url=self.server.base_url, max_retries=0)  # no key: public-enroll needs none
        first = public.public_enroll("jane@example.com", "Jane Doe", self.public_id)
        self.assertRegex(first.poy_id, r"^PoY #[0-9A-F]{7}$")
        self.assertIn("/enroll?token=enr_", first.enrollment_url)
        self.assertIsNotNone(first.expires_at)
        # Public enrollees are live identities: their profile is public (unverified until they finish).
        profile = public.get_profile(first.poy_id)
        self.assertEqual((profile.poy_id, profile.is_verified, profile.badge_level), (first.poy_id, False, "unverified"))
        self.assertEqual(public.get_profile(first.poy_id[len("PoY #") :]).poy_id, first.poy_id)
        limited: Optional[RateLimitError] = None
        for attempt in range(2, 12):  # 10 a minute per IP: the 11th at the latest is refused
            try:
                public.public_enroll(f"user{attempt}@example.com", "Someone", self.public_id)
            except RateLimitError as error:
                limited = error
                break
        self.assertIsNotNone(limited, "11 public enrollments in a minute were all accepted")
        assert limited is not None
        self.assertEqual((limited.status, limited.code), (429, "rate_limited"))
        self.assertIsNotNone(limited.retry_after_seconds)
        self.assertGreater(limited.retry_after_seconds or 0, 0)
        self.assertIn("Retry after", str(limited))

    # -- stamps ---------------------------------------------------------------------------------

    def test_a_real_stamp_verifies_offline(self) -> None:
        content = "A post written by a verified human, stamped from Python.\n".encode()
        stamp = self.poy.stamps.create(
            self.verified_user, content_hash(content), "article", title="Python SDK", url="https://example.com/post"
        )
        self.assertRegex(stamp.stamp_id, r"^stmp_[0-9a-f]{12}$")
        self.assertTrue(stamp.signature.startswith("ecdsa:"))
        self.assertEqual(stamp.format, "poy-stamp/v1")
        self.assertTrue(stamp.key_id.startswith("poy-stamp-"))
        jwks = self.poy.get_jwks(refresh=True)

        check = verify_stamp_offline(stamp, jwks, content=content, content_type="article", allow_test=True)
        self.assertTrue(check.valid, check)
        self.assertEqual(check.mode, "test")  # made with a test key: a sandbox stamp
        strict = verify_stamp_offline(stamp, jwks, content=content, content_type="article")
        self.assertEqual((strict.valid, strict.reason), (False, "sandbox_stamp"))
        tampered = verify_stamp_offline(stamp, jwks, content=content + b"!", content_type="article", allow_test=True)
        self.assertEqual(tampered.reason, "invalid_signature")
        other_type = verify_stamp_offline(stamp, jwks, content=content, content_type="image/png", allow_test=True)
        self.assertEqual(other_type.reason, "invalid_signature")
        via_client = self.poy.stamps.verify_offline(stamp, content=content, content_type="article", allow_test=True)
        self.assertTrue(via_client.valid)

        online = self.poy.stamps.verify(stamp.stamp_id, content_hash=content_hash(content))
        self.assertTrue(online.valid)
        self.assertTrue(online.is_human_creator)
        self.assertEqual(online.created_by, stamp.created_by)
        self.assertEqual(online.content_type, "article")

    def test_idempotency_key_replays_a_stamp(self) -> None:
        key = f"sdk-test-{uuid.uuid4()}"
        digest = content_hash(b"idempotent content")
        first = self.poy.stamps.create(self.verified_user, digest, "article", idempotency_key=key)
        second = self.poy.stamps.create(self.verified_user, digest, "article", idempotency_key=key)
        replayed = self.poy._transport.last_response  # pyright: ignore[reportPrivateUsage]
        if first.stamp_id != second.stamp_id:
            self.skipTest("this server does not honour Idempotency-Key yet (two stamps were created)")
        self.assertEqual(first, second)
        assert replayed is not None
        self.assertTrue(replayed.replayed, "expected Idempotent-Replayed: true on the replay")

    # -- passkeys and session tokens ---------------------------------------------------------------

    def test_a_real_session_token_verifies_offline_and_a_second_registration_conflicts(self) -> None:
        user = self.verified_user
        authenticator = SoftwareAuthenticator(origin=self.server.base_url, rp_id="localhost")
        options = self.poy.passkeys.register_options(user, "Jane Doe")
        self.assertTrue(options.challenge)
        registration = self.poy.passkeys.register_verify(user, authenticator.register(options.to_dict()))
        self.assertTrue(registration.verified)
        self.assertEqual(registration.credential_id, authenticator.credential_id_b64)

        again = self.poy.passkeys.register_options(user, "Jane Doe")
        with self.assertRaises(ConflictError) as conflict:
            self.poy.passkeys.register_verify(user, authenticator.register(again.to_dict()))
        self.assertEqual((conflict.exception.status, conflict.exception.code), (409, "conflict"))

        request = self.poy.passkeys.authenticate_options(user)
        sign_in = self.poy.passkeys.authenticate(**authenticator.assert_(request.to_dict()))
        self.assertTrue(sign_in.authenticated)
        self.assertEqual(sign_in.user_id, user)
        self.assertTrue(sign_in.session_token.startswith("poy_sess_"))
        token = sign_in.session_token

        jwks = self.poy.get_jwks(refresh=True)
        check = verify_session_token_offline(
            token, jwks, audience=self.public_id, issuer=self.server.base_url, project_id=self.project_id, mode="test"
        )
        self.assertTrue(check.valid, check)
        assert check.claims is not None
        self.assertEqual(check.claims.sub, user)
        self.assertEqual(check.claims.cred, authenticator.credential_id_b64)
        self.assertEqual(check.claims.poy_mode, "test")
        self.assertEqual(verify_session_token_offline(token, jwks, audience="another-project").reason, "wrong_audience")
        self.assertEqual(verify_session_token_offline(token, jwks, issuer="https://evil.example").reason, "wrong_issuer")
        self.assertEqual(verify_session_token_offline(token, jwks, mode="live").reason, "wrong_audience")
        self.assertEqual(verify_session_token_offline(token, jwks, now=time.time() + 7200).reason, "expired")
        head, payload, signature = token[len("poy_sess_") :].split(".")
        flipped = signature[:-2] + ("A" if signature[-2] != "A" else "B") + signature[-1]
        self.assertEqual(verify_session_token_offline(f"poy_sess_{head}.{payload}.{flipped}", jwks).reason, "invalid_signature")
        self.assertTrue(self.poy.sessions.verify_offline(token, audience=self.public_id, issuer=self.server.base_url).valid)

        online = self.poy.sessions.verify(token)
        self.assertTrue(online.valid)
        self.assertEqual(online.user_id, user)
        self.assertEqual(online.credential_id, authenticator.credential_id_b64)

    # -- webhooks -----------------------------------------------------------------------------

    def test_real_deliveries_verify_with_all_three_schemes(self) -> None:
        endpoint = self.poy.webhooks.create(self.receiver.url("/poy"))
        self.assertTrue((endpoint.secret or "").startswith("whsec_"))
        poy_secret = endpoint.secret or ""
        config = self.poy.connect.webhooks.create_or_edit("USER_VERIFICATION_COMPLETED", self.receiver.url("/connect"))
        connect_secret = config.secret or self.poy.connect.webhooks.rotate_secret().secret
        self.assertTrue(connect_secret.startswith("whsec_"))

        user = f"usr_hook_{uuid.uuid4().hex[:8]}"
        self.poy.sandbox_outcome(user, "verified")
        reference = f"ref_hook_{uuid.uuid4().hex[:8]}"
        registered = self.poy.connect.register(reference)
        self.assertTrue(registered.invite_url.startswith(self.server.base_url + "/i/"))
        status = self.poy.connect.sandbox_outcome(reference, "verified")
        self.assertEqual(status.verification_status, "VERIFIED")

        def poy_event(delivery: Dict[str, Any]) -> bool:
            data = body_json(delivery) or {}
            return (
                delivery["path"] == "/poy"
                and data.get("event") == "user.verified"
                and (data.get("data") or {}).get("userId") == user
            )

        def connect_event(delivery: Dict[str, Any]) -> bool:
            data = body_json(delivery) or {}
            return (
                delivery["path"] == "/connect"
                and data.get("type") == "USER_VERIFICATION_COMPLETED"
                and data.get("reference_user_id") == reference
            )

        poy_deliveries = self.receiver.wait_for(poy_event)
        connect_deliveries = self.receiver.wait_for(connect_event)
        self.assertTrue(poy_deliveries, "no user.verified delivery arrived")
        self.assertTrue(connect_deliveries, "no USER_VERIFICATION_COMPLETED delivery arrived")

        poy_delivery = poy_deliveries[0]
        body, headers = poy_delivery["body"], poy_delivery["headers"]
        self.assertTrue(verify_poy_signature(body, headers["X-POY-Signature"], poy_secret))
        self.assertTrue(verify_standard_webhook(body, headers, poy_secret))
        self.assertFalse(verify_poy_signature(body, headers["X-POY-Signature"], connect_secret))
        self.assertFalse(verify_standard_webhook(body + b" ", headers, poy_secret))
        self.assertIsNone(headers.get("X-Hub-Signature-256"))
        event = parse_event(body, headers, poy_secret)
        self.assertEqual(event["data"]["userId"], user)
        self.assertRegex(event["data"]["poyId"], r"^PoY #[0-9A-F]{7}$")

        connect_delivery = connect_deliveries[0]
        body, headers = connect_delivery["body"], connect_delivery["headers"]
        self.assertTrue(verify_connect_signature(body, headers["X-Hub-Signature-256"], connect_secret))
        self.assertTrue(verify_standard_webhook(body, headers, connect_secret))
        self.assertFalse(verify_connect_signature(body, headers["X-Hub-Signature-256"], poy_secret))
        connect_payload = parse_event(body, headers, connect_secret)
        self.assertTrue(connect_payload["transaction_id"].startswith("ewh:"))
        self.assertEqual(connect_payload["payload"]["simple_data_request_response"]["type"], "GET_HUMANNESS_SCORE_AND_UNIQUE_HUMAN_ID")

        # Endpoint management, and a redelivery that keeps its webhook-id.
        webhook_id = poy_delivery["headers"]["webhook-id"]
        self.assertIn(endpoint.id, [e.id for e in self.poy.webhooks.list()])
        self.assertEqual(self.poy.webhooks.get(endpoint.id).url, self.receiver.url("/poy"))
        page = self.poy.webhooks.list_deliveries(endpoint.id, limit=50)
        self.assertIn(webhook_id, [d.id for d in page.data])
        self.poy.webhooks.redeliver(endpoint.id, webhook_id)
        again = self.receiver.wait_for(lambda d: d["headers"]["webhook-id"] == webhook_id and d is not poy_delivery)
        self.assertTrue(again, "the redelivery did not arrive")
        self.assertEqual(again[0]["body"], poy_delivery["body"])
        self.assertTrue(verify_standard_webhook(again[0]["body"], again[0]["headers"], poy_secret))

        test_delivery = self.poy.webhooks.test(endpoint.id)
        arrived = self.receiver.wait_for(lambda d: d["headers"]["webhook-id"] == test_delivery.delivery_id)
        self.assertTrue(arrived and verify_standard_webhook(arrived[0]["body"], arrived[0]["headers"], poy_secret))

        updated = self.poy.webhooks.update(endpoint.id, events=["user.verified", "stamp.created"])
        self.assertEqual(sorted(updated.events), ["stamp.created", "user.verified"])
        rotated = self.poy.webhooks.rotate_secret(endpoint.id)
        self.assertNotEqual(rotated.secret, poy_secret)
        self.assertIsNotNone(rotated.previous_secret_expires_at)
        self.assertTrue(self.poy.webhooks.delete(endpoint.id).deleted)
        with self.assertRaises(NotFoundError):
            self.poy.webhooks.get(endpoint.id)

        types = [w.webhook_type for w in self.poy.connect.webhooks.get()]
        self.assertIn("USER_VERIFICATION_COMPLETED", types)
        self.assertTrue(self.poy.connect.webhooks.delete("USER_VERIFICATION_COMPLETED").deleted)


if __name__ == "__main__":
    unittest.main()
