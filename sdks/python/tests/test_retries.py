"""Retries: what is retried, how long the client waits, and that a POST keeps one Idempotency-Key
across its retries. Against a local http.server; waits are recorded instead of slept (except one
test that really waits out a Retry-After of 1 s)."""

from __future__ import annotations

import time
import unittest
import uuid

import _support  # noqa: F401  (puts src/ on the import path)
from _support import LocalServer, Reply, SleepRecorder, poy_error
from poyverify import APIConnectionError, APIError, InvalidRequestError, POYVerify, RateLimitError

VERIFIED = {
    "isHuman": True,
    "trustScore": 94,
    "poyId": "PoY #00482A1",
    "verifiedAt": "2026-04-07T12:00:00.000Z",
    "checks": {"liveness": "pass", "device": "pass", "behavioral": "pass"},
}
STAMP = {
    "stampId": "stmp_7f8a9b0c1d2e",
    "signature": "ecdsa:abc",
    "createdBy": "PoY #00482A1",
    "createdAt": "2026-04-07T12:30:00.000Z",
    "keyId": "poy-stamp-20260407-3e4555022522",
    "format": "poy-stamp/v1",
}


class RetryTest(unittest.TestCase):
    def setUp(self) -> None:
        self.server = LocalServer().start()
        self.poy = POYVerify(api_key="poy_test_" + "a" * 32, base_url=self.server.base_url, max_retries=2)
        self.sleeps = SleepRecorder()
        self.poy._transport.sleep = self.sleeps  # pyright: ignore[reportPrivateUsage]

    def tearDown(self) -> None:
        self.server.stop()

    def test_429_with_retry_after_is_honoured_and_the_idempotency_key_is_reused(self) -> None:
        self.server.reply(
            Reply(429, poy_error(429, "rate_limited", "Slow down."), {"Retry-After": "3"}),
            Reply(429, poy_error(429, "rate_limited", "Slow down."), {"Retry-After": "1"}),
            Reply(200, VERIFIED),
        )
        result = self.poy.verify("usr_abc123")
        self.assertTrue(result.is_human)
        self.assertEqual(self.sleeps.calls, [3.0, 1.0])  # exactly what the server asked
        keys = [request.header("Idempotency-Key") for request in self.server.requests]
        self.assertEqual(len(keys), 3)
        self.assertEqual(len(set(keys)), 1, keys)
        assert keys[0] is not None
        uuid.UUID(keys[0])  # a uuid4
        bodies = [request.json for request in self.server.requests]
        self.assertEqual(bodies, [bodies[0]] * 3)

    def test_each_logical_call_gets_a_new_key(self) -> None:
        self.server.reply(Reply(200, VERIFIED))
        self.poy.verify("usr_1")
        self.poy.verify("usr_1")
        first, second = (request.header("Idempotency-Key") for request in self.server.requests)
        self.assertNotEqual(first, second)

    def test_a_given_idempotency_key_is_sent(self) -> None:
        self.server.reply(Reply(503, poy_error(503, "service_unavailable", "Later.")), Reply(201, STAMP))
        self.poy.stamps.create("usr_1", "sha256:" + "a" * 64, "article", idempotency_key="stamp-42")
        self.assertEqual([r.header("Idempotency-Key") for r in self.server.requests], ["stamp-42", "stamp-42"])

    def test_5xx_retried_with_backoff_then_success(self) -> None:
        self.server.reply(
            Reply(500, poy_error(500, "internal", "Oops.")),
            Reply(502, b"bad gateway"),
            Reply(201, STAMP),
        )
        stamp = self.poy.stamps.create("usr_1", "sha256:" + "b" * 64, "article")
        self.assertEqual(stamp.stamp_id, "stmp_7f8a9b0c1d2e")
        self.assertEqual(len(self.sleeps.calls), 2)
        # Exponential backoff with jitter: retry n waits 0.5 * 2^n scaled into [0.5, 1).
        self.assertTrue(0.25 <= self.sleeps.calls[0] < 0.5, self.sleeps.calls)
        self.assertTrue(0.5 <= self.sleeps.calls[1] < 1.0, self.sleeps.calls)
        keys = {r.header("Idempotency-Key") for r in self.server.requests}
        self.assertEqual(len(keys), 1)

    def test_5xx_exhausted_raises_after_max_retries(self) -> None:
        self.server.reply(Reply(503, poy_error(503, "service_unavailable", "Down.", "req_last")))
        with self.assertRaises(APIError) as caught:
            self.poy.check("usr_1")
        self.assertEqual(len(self.server.requests), 3)  # 1 + max_retries
        self.assertEqual(caught.exception.request_id, "req_last")

    def test_gets_are_retried_without_an_idempotency_key(self) -> None:
        self.server.reply(Reply(500, poy_error(500, "internal", "Oops.")), Reply(200, {"isHuman": True, "poyId": "PoY #00482A1"}))
        self.assertTrue(self.poy.check("usr_1").is_human)
        self.assertEqual([r.method for r in self.server.requests], ["GET", "GET"])
        self.assertTrue(all(r.header("Idempotency-Key") is None for r in self.server.requests))

    def test_4xx_other_than_429_are_not_retried(self) -> None:
        for status in (400, 401, 403, 404, 409):
            with self.subTest(status=status):
                self.server.requests.clear()
                self.server.reply(Reply(status, poy_error(status, "x", "No.")))
                with self.assertRaises(Exception):
                    self.poy.verify("usr_1")
                self.assertEqual(len(self.server.requests), 1)
        self.assertEqual(self.sleeps.calls, [])

    def test_retry_after_longer_than_max_retry_delay_raises_at_once(self) -> None:
        self.server.reply(Reply(429, poy_error(429, "rate_limited", "Per minute."), {"Retry-After": "60"}))
        with self.assertRaises(RateLimitError) as caught:
            self.poy.public_enroll("a@example.com", "A", "demo")
        self.assertEqual(caught.exception.retry_after_seconds, 60.0)
        self.assertEqual(len(self.server.requests), 1)
        self.assertEqual(self.sleeps.calls, [])

    def test_429_exhausted(self) -> None:
        self.server.reply(Reply(429, poy_error(429, "rate_limited", "Slow."), {"Retry-After": "2"}))
        with self.assertRaises(RateLimitError):
            self.poy.verify("usr_1")
        self.assertEqual(self.sleeps.calls, [2.0, 2.0])
        self.assertEqual(len(self.server.requests), 3)

    def test_connection_errors_are_retried(self) -> None:
        self.server.reply(Reply(drop_connection=True), Reply(200, VERIFIED))
        self.assertTrue(self.poy.verify("usr_1").is_human)
        self.assertEqual(len(self.server.requests), 2)
        self.assertEqual(len({r.header("Idempotency-Key") for r in self.server.requests}), 1)

    def test_connection_errors_exhausted(self) -> None:
        self.server.reply(Reply(drop_connection=True))
        with self.assertRaises(APIConnectionError):
            self.poy.check("usr_1")
        self.assertEqual(len(self.server.requests), 3)

    def test_max_retries_zero(self) -> None:
        poy = POYVerify(api_key="k", base_url=self.server.base_url, max_retries=0)
        self.server.reply(Reply(503, poy_error(503, "service_unavailable", "Down.")))
        with self.assertRaises(APIError):
            poy.check("usr_1")
        self.assertEqual(len(self.server.requests), 1)

    def test_a_400_after_a_retry_is_raised(self) -> None:
        self.server.reply(Reply(500, poy_error(500, "internal", "Oops.")), Reply(400, poy_error(400, "invalid_request", "userId is bad.")))
        with self.assertRaises(InvalidRequestError):
            self.poy.verify("usr_1")
        self.assertEqual(len(self.server.requests), 2)


class RealWaitTest(unittest.TestCase):
    def test_retry_after_is_really_waited(self) -> None:
        with LocalServer() as server:
            server.reply(Reply(429, poy_error(429, "rate_limited", "Slow."), {"Retry-After": "1"}), Reply(200, VERIFIED))
            poy = POYVerify(api_key="k", base_url=server.base_url)
            started = time.monotonic()
            self.assertTrue(poy.verify("usr_1").is_human)
            elapsed = time.monotonic() - started
            self.assertGreaterEqual(elapsed, 1.0)
            self.assertLess(elapsed, 5.0)
            self.assertEqual(server.requests[0].header("Idempotency-Key"), server.requests[1].header("Idempotency-Key"))


if __name__ == "__main__":
    unittest.main()
