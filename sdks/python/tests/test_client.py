"""Every method of both clients: the exact request it sends (method, path, query, body, headers) and
the result it builds from the answer. Against a local http.server."""

from __future__ import annotations

import asyncio
import json
import os
import unittest
from datetime import datetime, timezone
from typing import Any, Callable, Dict, List, Optional, Tuple
from unittest import mock
from urllib.parse import parse_qs, urlsplit

import _support  # noqa: F401  (puts src/ on the import path)
from _support import LocalServer, Reply, poy_error
from poyverify import AsyncPOYVerify, NotFoundError, POYVerify, models
from poyverify._http import resolve_base_url

KEY = "poy_test_" + "Z" * 32
VERIFY_ANSWER = {
    "isHuman": False,
    "trustScore": 0,
    "poyId": None,
    "verifiedAt": None,
    "checks": {"liveness": "pending", "device": "pending", "behavioral": "pending"},
    "enrollmentUrl": "http://localhost:8080/i/abc",
    "expiresAt": "2026-11-29T13:18:43.665Z",
    "futureField": {"kept": True},
}
ENDPOINT = {
    "id": "we_1",
    "url": "https://example.com/hook",
    "events": ["user.verified"],
    "enabled": True,
    "disabledReason": None,
    "failingSince": None,
    "createdAt": "2026-11-22T13:18:53.080Z",
    "updatedAt": "2026-11-22T13:18:53.080Z",
}
DELIVERY = {
    "id": "wd_1",
    "eventType": "user.verified",
    "status": "succeeded",
    "attemptCount": 1,
    "nextAttemptAt": None,
    "lastAttemptAt": "2026-11-22T13:19:00.000Z",
    "createdAt": "2026-11-22T13:18:59.000Z",
    "completedAt": "2026-11-22T13:19:00.000Z",
    "attempts": [
        {
            "attemptNumber": 1,
            "attemptedAt": "2026-11-22T13:19:00.000Z",
            "statusCode": 200,
            "durationMs": 12,
            "error": None,
            "responseExcerpt": "ok",
        }
    ],
}
STATUS = {
    "status": "success",
    "user_id": "bcu_1",
    "reference_user_id": "ref_1",
    "connection_verified": True,
    "verification_status": "VERIFIED",
    "unfulfillable_reason": None,
    "simple_data_request_response": {
        "type": "GET_HUMANNESS_SCORE_AND_UNIQUE_HUMAN_ID",
        "humanness_score": 72,
        "unique_human_id": "uh_x",
        "uniqueness_region_id": None,
    },
    "expires_at": None,
}

# (name, call, method, path, query, body, status, answer, check)
Case = Tuple[str, Callable[[Any], Any], str, str, Optional[Dict[str, List[str]]], Any, int, Any, Callable[[Any], bool]]
CASES: List[Case] = [
    (
        "verify",
        lambda c: c.verify("usr_abc123", metadata={"ip": "203.0.113.42", "user_agent": "Mozilla/5.0"}),
        "POST", "/api/poy/verify", None,
        {"userId": "usr_abc123", "checkType": "full", "metadata": {"ip": "203.0.113.42", "userAgent": "Mozilla/5.0"}},
        200, VERIFY_ANSWER,
        lambda r: r.is_human is False and r.enrollment_url == "http://localhost:8080/i/abc"
        and r.checks.liveness == "pending" and r.raw["futureField"] == {"kept": True}
        and r.expires_at == datetime(2026, 11, 29, 13, 18, 43, 665000, timezone.utc),
    ),
    (
        "verify quick",
        lambda c: c.verify("u", check_type="quick"),
        "POST", "/api/poy/verify", None, {"userId": "u", "checkType": "quick"},
        200, {**VERIFY_ANSWER, "isHuman": True}, lambda r: r.is_human,
    ),
    (
        "check",
        lambda c: c.check("usr/with space"),
        "GET", "/api/poy/check", {"userId": ["usr/with space"]}, None,
        200, {"isHuman": True, "poyId": "PoY #00482A1"}, lambda r: r.is_human and r.poy_id == "PoY #00482A1",
    ),
    (
        "public_enroll",
        lambda c: c.public_enroll("user@example.com", "Jane Doe", "demo"),
        "POST", "/api/poy/public-enroll", None, {"email": "user@example.com", "displayName": "Jane Doe", "platform": "demo"},
        200, {"poyId": "PoY #009F3B2", "enrollmentUrl": "http://x/enroll?token=enr_1", "expiresAt": "2026-04-08T12:00:00Z"},
        lambda r: r.poy_id == "PoY #009F3B2" and r.expires_at.year == 2026,
    ),
    (
        "get_profile",
        lambda c: c.get_profile("PoY #00482A1"),
        "GET", "/api/poy/profile/PoY%20%2300482A1", None, None,
        200, {"poyId": "PoY #00482A1", "isVerified": True, "badgeLevel": "verified", "trustScore": 94, "verifiedSince": "2026-01-15T08:00:00Z"},
        lambda r: r.is_verified and r.badge_level == "verified" and r.verified_since.month == 1,
    ),
    (
        "get_trust",
        lambda c: c.get_trust("usr_abc123"),
        "GET", "/api/poy/trust/usr_abc123", None, None,
        200, {"userId": "usr_abc123", "trustScore": 94, "level": "high", "factors": {"liveness": 98, "device": 90, "behavioral": 92, "credential": 95}},
        lambda r: r.level == "high" and r.factors.credential == 95,
    ),
    (
        "sandbox_outcome",
        lambda c: c.sandbox_outcome("usr_1", "verified"),
        "POST", "/api/poy/sandbox/outcome", None, {"userId": "usr_1", "outcome": "verified"},
        200, {**VERIFY_ANSWER, "isHuman": True}, lambda r: r.is_human,
    ),
    (
        "get_project",
        lambda c: c.get_project(),
        "GET", "/api/poy/project", None, None,
        200, {"id": "proj_1", "publicId": "demo", "name": "Demo", "plan": "free", "mode": "test", "trustThreshold": 50, "redirectOrigins": [], "createdAt": "2026-11-22T13:18:40.031Z"},
        lambda r: r.public_id == "demo" and r.trust_threshold == 50,
    ),
    (
        "list_keys",
        lambda c: c.list_keys(),
        "GET", "/api/poy/keys", None, None,
        200, {"data": [{"id": "key_1", "name": "ci", "mode": "test", "displayPrefix": "poy_test_ab", "createdAt": "2026-11-22T13:18:40.031Z", "lastUsedAt": None, "revokedAt": None}]},
        lambda r: len(r) == 1 and r[0].display_prefix == "poy_test_ab",
    ),
    (
        "stamps.create",
        lambda c: c.stamps.create("usr_1", "sha256:" + "a" * 64, "article", title="My Blog Post", url="https://example.com/post"),
        "POST", "/api/poy/stamps", None,
        {"userId": "usr_1", "contentHash": "sha256:" + "a" * 64, "contentType": "article", "title": "My Blog Post", "url": "https://example.com/post"},
        201, {"stampId": "stmp_7f8a9b0c1d2e", "signature": "ecdsa:x", "createdBy": "PoY #00482A1", "createdAt": "2026-04-07T12:30:00.000Z", "keyId": "poy-stamp-1", "format": "poy-stamp/v1"},
        lambda r: r.stamp_id == "stmp_7f8a9b0c1d2e" and r.format == "poy-stamp/v1",
    ),
    (
        "stamps.verify",
        lambda c: c.stamps.verify("stmp_7f8a9b0c1d2e", content_hash="sha256:" + "a" * 64),
        "POST", "/api/poy/stamps/verify", None, {"stampId": "stmp_7f8a9b0c1d2e", "contentHash": "sha256:" + "a" * 64},
        200, {"valid": True, "createdBy": "PoY #00482A1", "contentType": "article", "stampedAt": "2026-04-07T12:30:00.000Z", "isHumanCreator": True, "keyId": "k", "format": "poy-stamp/v1", "signatureValid": True, "contentHashMatches": True},
        lambda r: r.valid and r.is_human_creator and r.content_hash_matches is True,
    ),
    (
        "passkeys.register_options",
        lambda c: c.passkeys.register_options("usr_1", "Jane Doe"),
        "POST", "/api/poy/passkeys/register", None, {"userId": "usr_1", "displayName": "Jane Doe"},
        200, {"challenge": "ch", "rp": {"name": "POY Verify", "id": "poyverify.com"}, "user": {"id": "u", "name": "Jane Doe", "displayName": "Jane Doe"}, "pubKeyCredParams": [{"type": "public-key", "alg": -7}], "timeout": 60000},
        lambda r: r.challenge == "ch" and r.timeout == 60000 and r.to_dict()["rp"]["id"] == "poyverify.com",
    ),
    (
        "passkeys.register_verify",
        lambda c: c.passkeys.register_verify("usr_1", {"id": "cred", "rawId": "cred", "type": "public-key", "response": {}}),
        "POST", "/api/poy/passkeys/register/verify", None, {"userId": "usr_1", "credential": {"id": "cred", "rawId": "cred", "type": "public-key", "response": {}}},
        200, {"verified": True, "credentialId": "cred"}, lambda r: r.verified and r.credential_id == "cred",
    ),
    (
        "passkeys.authenticate_options",
        lambda c: c.passkeys.authenticate_options(),
        "POST", "/api/poy/passkeys/authenticate/options", None, {},
        200, {"challenge": "c2", "rpId": "localhost"}, lambda r: r.challenge == "c2",
    ),
    (
        "passkeys.authenticate_options for a user",
        lambda c: c.passkeys.authenticate_options("usr_1"),
        "POST", "/api/poy/passkeys/authenticate/options", None, {"userId": "usr_1"},
        200, {"challenge": "c3"}, lambda r: r.challenge == "c3",
    ),
    (
        "passkeys.authenticate",
        lambda c: c.passkeys.authenticate("cred", "ad", "cd", "sig", user_handle="uh"),
        "POST", "/api/poy/passkeys/authenticate", None,
        {"credentialId": "cred", "authenticatorData": "ad", "clientDataJSON": "cd", "signature": "sig", "userHandle": "uh"},
        200, {"authenticated": True, "sessionToken": "poy_sess_x", "expiresAt": "2026-04-07T14:00:00.000Z", "userId": "usr_1", "credentialId": "cred"},
        lambda r: r.authenticated and r.session_token == "poy_sess_x" and r.user_id == "usr_1",
    ),
    (
        "sessions.verify",
        lambda c: c.sessions.verify("poy_sess_x"),
        "POST", "/api/poy/sessions/verify", None, {"sessionToken": "poy_sess_x"},
        200, {"valid": False, "reason": "expired"}, lambda r: r.valid is False and r.reason == "expired",
    ),
    (
        "webhooks.create",
        lambda c: c.webhooks.create("https://example.com/hook", events=["user.verified"]),
        "POST", "/api/poy/webhooks", None, {"url": "https://example.com/hook", "events": ["user.verified"]},
        201, {**ENDPOINT, "secret": "whsec_abc"}, lambda r: r.secret == "whsec_abc" and r.events == ["user.verified"],
    ),
    (
        "webhooks.create all events",
        lambda c: c.webhooks.create("https://example.com/hook"),
        "POST", "/api/poy/webhooks", None, {"url": "https://example.com/hook"},
        201, {**ENDPOINT, "secret": "whsec_abc"}, lambda r: r.id == "we_1",
    ),
    (
        "webhooks.list",
        lambda c: c.webhooks.list(),
        "GET", "/api/poy/webhooks", None, None,
        200, {"data": [ENDPOINT]}, lambda r: len(r) == 1 and r[0].secret is None,
    ),
    (
        "webhooks.get",
        lambda c: c.webhooks.get("we_1"),
        "GET", "/api/poy/webhooks/we_1", None, None, 200, ENDPOINT, lambda r: r.url == "https://example.com/hook",
    ),
    (
        "webhooks.update",
        lambda c: c.webhooks.update("we_1", enabled=False),
        "PATCH", "/api/poy/webhooks/we_1", None, {"enabled": False},
        200, {**ENDPOINT, "enabled": False, "disabledReason": "manual"}, lambda r: not r.enabled and r.disabled_reason == "manual",
    ),
    (
        "webhooks.delete",
        lambda c: c.webhooks.delete("we_1"),
        "DELETE", "/api/poy/webhooks/we_1", None, None, 200, {"id": "we_1", "deleted": True}, lambda r: r.deleted,
    ),
    (
        "webhooks.rotate_secret",
        lambda c: c.webhooks.rotate_secret("we_1"),
        "POST", "/api/poy/webhooks/we_1/rotate-secret", None, {},
        200, {"id": "we_1", "secret": "whsec_new", "previousSecretExpiresAt": "2026-11-23T13:00:00.000Z"},
        lambda r: r.secret == "whsec_new" and r.previous_secret_expires_at.day == 23,
    ),
    (
        "webhooks.list_deliveries",
        lambda c: c.webhooks.list_deliveries("we_1", limit=5, before="wd_9"),
        "GET", "/api/poy/webhooks/we_1/deliveries", {"limit": ["5"], "before": ["wd_9"]}, None,
        200, {"data": [DELIVERY], "nextCursor": None},
        lambda r: r.next_cursor is None and r.data[0].attempts[0].status_code == 200,
    ),
    (
        "webhooks.redeliver",
        lambda c: c.webhooks.redeliver("we_1", "wd_1"),
        "POST", "/api/poy/webhooks/we_1/deliveries/wd_1/redeliver", None, {},
        202, {"id": "wd_1", "status": "pending"}, lambda r: r.status == "pending",
    ),
    (
        "webhooks.test",
        lambda c: c.webhooks.test("we_1"),
        "POST", "/api/poy/webhooks/we_1/test", None, {}, 202, {"deliveryId": "wd_2"}, lambda r: r.delivery_id == "wd_2",
    ),
    (
        "connect.register",
        lambda c: c.connect.register("ref_1", redirect_url="https://example.com/done", data_request_type="IS_PHONE_NUMBER_VERIFIED", uniqueness_region_id="eu"),
        "POST", "/v1/business_connect_user/register", None,
        {"reference_user_id": "ref_1", "redirect_url": "https://example.com/done", "data_request": {"type": "IS_PHONE_NUMBER_VERIFIED"}, "uniqueness_region_id": "eu"},
        200, {"status": "success", "invite_url": "http://localhost:8080/i/x", "user_id": "bcu_1", "connection_verified": False},
        lambda r: r.invite_url.endswith("/i/x") and r.user_id == "bcu_1",
    ),
    (
        "connect.get_status",
        lambda c: c.connect.get_status(reference_user_id="ref_1"),
        "POST", "/v1/business_connect_user/get_status", None, {"reference_user_id": "ref_1"},
        200, STATUS,
        lambda r: r.verification_status == "VERIFIED" and r.simple_data_request_response.humanness_score == 72,
    ),
    (
        "connect.revoke",
        lambda c: c.connect.revoke(user_id="bcu_1"),
        "POST", "/v1/business_connect_user/revoke", None, {"user_id": "bcu_1"},
        200, {**STATUS, "verification_status": "REVOKED", "connection_verified": False, "simple_data_request_response": None},
        lambda r: r.verification_status == "REVOKED" and r.simple_data_request_response is None,
    ),
    (
        "connect.delete",
        lambda c: c.connect.delete("ref_1"),
        "POST", "/v1/business_connect_user/delete", None, {"reference_user_id": "ref_1"},
        200, {"status": "success", "user_id": "bcu_1", "deleted": True}, lambda r: r.deleted,
    ),
    (
        "connect.sandbox_outcome",
        lambda c: c.connect.sandbox_outcome("ref_1", "duplicate"),
        "POST", "/v1/sandbox/outcome", None, {"reference_user_id": "ref_1", "outcome": "duplicate"},
        200, {**STATUS, "verification_status": "UNFULFILLABLE", "unfulfillable_reason": "DUPLICATE_HUMAN", "simple_data_request_response": None},
        lambda r: r.unfulfillable_reason == "DUPLICATE_HUMAN",
    ),
    (
        "connect.webhooks.create_or_edit",
        lambda c: c.connect.webhooks.create_or_edit("USER_VERIFICATION_COMPLETED", "https://example.com/connect"),
        "POST", "/v1/webhook/admin/config/create_or_edit", None,
        {"webhook_type": "USER_VERIFICATION_COMPLETED", "destination_url": "https://example.com/connect"},
        200, {"status": "success", "webhook": {"webhook_type": "USER_VERIFICATION_COMPLETED", "destination_url": "https://example.com/connect", "created_at": "2026-11-22T13:00:00.000Z", "enabled": True}, "secret": "whsec_c"},
        lambda r: r.secret == "whsec_c" and r.webhook.webhook_type == "USER_VERIFICATION_COMPLETED",
    ),
    (
        "connect.webhooks.get",
        lambda c: c.connect.webhooks.get(),
        "POST", "/v1/webhook/admin/config/get", None, {},
        200, {"status": "success", "webhooks": [{"webhook_type": "USER_DELETED", "destination_url": "https://e.com", "created_at": "2026-11-22T13:00:00.000Z", "enabled": True}]},
        lambda r: r[0].webhook_type == "USER_DELETED",
    ),
    (
        "connect.webhooks.delete",
        lambda c: c.connect.webhooks.delete("USER_DELETED"),
        "POST", "/v1/webhook/admin/config/delete", None, {"webhook_type": "USER_DELETED"},
        200, {"status": "success", "webhook_type": "USER_DELETED", "deleted": True}, lambda r: r.deleted,
    ),
    (
        "connect.webhooks.rotate_secret",
        lambda c: c.connect.webhooks.rotate_secret(),
        "POST", "/v1/webhook/admin/config/rotate_secret", None, {},
        200, {"status": "success", "secret": "whsec_r"}, lambda r: r.secret == "whsec_r",
    ),
]
UNAUTHENTICATED = {"public_enroll", "get_profile"}


class RequestShapeTest(unittest.TestCase):
    server: LocalServer

    @classmethod
    def setUpClass(cls) -> None:
        cls.server = LocalServer().start()

    @classmethod
    def tearDownClass(cls) -> None:
        cls.server.stop()

    def assert_request(self, name: str, method: str, path: str, query: Any, body: Any) -> None:
        self.assertEqual(len(self.server.requests), 1)
        request = self.server.requests[0]
        url = urlsplit(request.path)
        self.assertEqual(request.method, method)
        self.assertEqual(url.path, path)
        self.assertEqual(parse_qs(url.query) if url.query else None, query)
        if body is None:
            self.assertEqual(request.body, b"")
        else:
            self.assertEqual(request.json, body)
            self.assertEqual(request.header("Content-Type"), "application/json")
        if name in UNAUTHENTICATED:
            self.assertIsNone(request.header("Authorization"))
        else:
            self.assertEqual(request.header("Authorization"), f"Bearer {KEY}")
        self.assertEqual(request.header("Accept"), "application/json")
        self.assertTrue((request.header("User-Agent") or "").startswith("poyverify-python/"))
        if method == "GET":
            self.assertIsNone(request.header("Idempotency-Key"))
        else:
            self.assertTrue(request.header("Idempotency-Key"))

    def test_every_sync_method(self) -> None:
        client = POYVerify(api_key=KEY, base_url=self.server.base_url)
        for name, call, method, path, query, body, status, answer, check in CASES:
            with self.subTest(name):
                self.server.requests.clear()
                self.server.reply(Reply(status, answer))
                result = call(client)
                self.assert_request(name, method, path, query, body)
                self.assertTrue(check(result), result)
                self.assertTrue(_is_frozen(result))

    def test_every_async_method(self) -> None:
        async def run() -> None:
            async with AsyncPOYVerify(api_key=KEY, base_url=self.server.base_url) as client:
                for name, call, method, path, query, body, status, answer, check in CASES:
                    with self.subTest(name):
                        self.server.requests.clear()
                        self.server.reply(Reply(status, answer))
                        result = await call(client)
                        self.assert_request(name, method, path, query, body)
                        self.assertTrue(check(result), result)

        asyncio.run(run())

    def test_sync_and_async_have_the_same_methods(self) -> None:
        def public(obj: Any) -> List[str]:
            return sorted(n for n in dir(obj) if not n.startswith("_"))

        sync = POYVerify(api_key=KEY)
        asynchronous = AsyncPOYVerify(api_key=KEY)
        self.assertEqual(public(sync), public(asynchronous))
        for resource in ("stamps", "passkeys", "sessions", "webhooks", "connect"):
            self.assertEqual(public(getattr(sync, resource)), public(getattr(asynchronous, resource)), resource)
        self.assertEqual(public(sync.connect.webhooks), public(asynchronous.connect.webhooks))

    def test_async_retries_wait_with_asyncio_sleep(self) -> None:
        waits: List[float] = []

        async def fake_sleep(seconds: float) -> None:
            waits.append(seconds)

        async def run() -> None:
            client = AsyncPOYVerify(api_key=KEY, base_url=self.server.base_url)
            client._sleep = fake_sleep  # pyright: ignore[reportPrivateUsage]
            self.server.requests.clear()
            self.server.reply(
                Reply(429, poy_error(429, "rate_limited", "Slow."), {"Retry-After": "2"}),
                Reply(200, {**VERIFY_ANSWER, "isHuman": True}),
            )
            result = await client.verify("usr_1")
            self.assertTrue(result.is_human)
            keys = {r.header("Idempotency-Key") for r in self.server.requests}
            self.assertEqual(len(keys), 1)
            self.server.reply(Reply(404, poy_error(404, "not_found", "No such user.")))
            with self.assertRaises(NotFoundError):
                await client.get_trust("nobody")

        asyncio.run(run())
        self.assertEqual(waits, [2.0])

    def test_async_calls_run_concurrently(self) -> None:
        self.server.requests.clear()
        self.server.reply(Reply(200, {"isHuman": True, "poyId": None}, delay=0.3))

        async def run() -> float:
            client = AsyncPOYVerify(api_key=KEY, base_url=self.server.base_url)
            loop = asyncio.get_running_loop()
            started = loop.time()
            results = await asyncio.gather(*(client.check(f"u{i}") for i in range(4)))
            self.assertTrue(all(r.is_human for r in results))
            return loop.time() - started

        self.assertLess(asyncio.run(run()), 1.0)  # 4 x 0.3 s in parallel, not in series

    def test_jwks_is_cached(self) -> None:
        client = POYVerify(api_key=KEY, base_url=self.server.base_url)
        self.server.requests.clear()
        self.server.reply(Reply(200, {"keys": []}))
        self.assertEqual(client.get_jwks(), {"keys": []})
        client.get_jwks()
        self.assertEqual(len(self.server.requests), 1)
        self.assertEqual(self.server.requests[0].path, "/.well-known/jwks.json")
        self.assertIsNone(self.server.requests[0].header("Authorization"))
        client.get_jwks(refresh=True)
        self.assertEqual(len(self.server.requests), 2)

    def test_offline_helpers_refetch_the_jwks_once_for_an_unknown_key(self) -> None:
        client = POYVerify(api_key=KEY, base_url=self.server.base_url)
        self.server.requests.clear()
        self.server.reply(Reply(200, {"keys": []}))
        stamp = {
            "stampId": "stmp_7f8a9b0c1d2e",
            "signature": "ecdsa:" + "A" * 86,
            "createdBy": "PoY #00482A1",
            "createdAt": "2026-04-07T12:30:00.000Z",
            "keyId": "poy-stamp-x",
            "format": "poy-stamp/v1",
        }
        check = client.stamps.verify_offline(stamp, content=b"x", content_type="article")
        self.assertEqual(check.reason, "unknown_key")
        self.assertEqual(len(self.server.requests), 2)
        session = client.sessions.verify_offline("poy_sess_x.y.z")
        self.assertEqual(session.reason, "malformed")


def _is_frozen(result: Any) -> bool:
    items = result if isinstance(result, list) else [result]
    for item in items:
        try:
            setattr(item, "raw", {})
        except AttributeError:  # dataclasses.FrozenInstanceError
            continue
        return False
    return True


class ConfigurationTest(unittest.TestCase):
    def test_base_url_resolution(self) -> None:
        with mock.patch.dict(os.environ, {}, clear=False):
            os.environ.pop("POY_BASE_URL", None)
            self.assertEqual(resolve_base_url(None), "http://localhost:8080")
            os.environ["POY_BASE_URL"] = "https://poy.example.com/"
            self.assertEqual(resolve_base_url(None), "https://poy.example.com")
            self.assertEqual(resolve_base_url("https://poyverify.com/api/poy"), "https://poyverify.com")
            self.assertEqual(POYVerify(api_key="k").base_url, "https://poy.example.com")
        with self.assertRaises(ValueError):
            resolve_base_url("poyverify.com")

    def test_api_key_from_the_environment(self) -> None:
        with LocalServer() as server, mock.patch.dict(os.environ, {"POY_API_KEY": "poy_test_env"}):
            server.reply(Reply(200, {"isHuman": True, "poyId": None}))
            POYVerify(base_url=server.base_url).check("u")
            self.assertEqual(server.requests[0].header("Authorization"), "Bearer poy_test_env")

    def test_arguments_are_checked(self) -> None:
        with self.assertRaises(ValueError):
            POYVerify(api_key="k", max_retries=-1)
        with self.assertRaises(ValueError):
            POYVerify(api_key="k", timeout=0)
        poy = POYVerify(api_key="k")
        for call in (
            lambda: poy.verify(""),
            lambda: poy.get_trust(""),
            lambda: poy.connect.get_status(),
            lambda: poy.webhooks.update("we_1"),
            lambda: poy.webhooks.list_deliveries("we_1", limit=0),
            lambda: poy.webhooks.create("https://e.com", events="user.verified"),  # type: ignore[arg-type]
        ):
            with self.assertRaises(ValueError):
                call()

    def test_repr_does_not_leak_the_key(self) -> None:
        poy = POYVerify(api_key=KEY, base_url="http://localhost:9999")
        self.assertNotIn(KEY, repr(poy))
        self.assertEqual(poy.timeout, 10.0)
        self.assertEqual(poy.max_retries, 2)

    def test_models_keep_unknown_fields_and_parse_times(self) -> None:
        result = models.VerifyResult.from_dict(VERIFY_ANSWER)
        self.assertEqual(result.raw["futureField"], {"kept": True})
        self.assertIsNone(result.verified_at)
        self.assertEqual(models.parse_datetime("2026-04-07T12:00:00Z"), datetime(2026, 4, 7, 12, tzinfo=timezone.utc))
        self.assertEqual(models.parse_datetime("2026-04-07T14:00:00.5+02:00"), datetime(2026, 4, 7, 12, 0, 0, 500000, timezone.utc))
        self.assertIsNone(models.parse_datetime("yesterday"))
        self.assertNotIn("raw", repr(result))
        self.assertEqual(json.loads(json.dumps(result.raw)), VERIFY_ANSWER)


if __name__ == "__main__":
    unittest.main()
