"""Error mapping for every documented status, both error formats, and transport failures, against a
local http.server the test controls."""

from __future__ import annotations

import socket
import unittest

import _support
from _support import LocalServer, Reply, connect_error, poy_error
from poyverify import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthenticationError,
    ConflictError,
    InvalidRequestError,
    NotFoundError,
    PermissionDeniedError,
    POYError,
    POYVerify,
    RateLimitError,
)

# docs/errors.md: type, status, Connect failure_code.
DOCUMENTED = [
    ("invalid_request", 400, "INVALID_REQUEST", InvalidRequestError),
    ("unauthorized", 401, "UNAUTHORIZED", AuthenticationError),
    ("forbidden", 403, "FORBIDDEN", PermissionDeniedError),
    ("not_found", 404, "DOES_NOT_EXIST", NotFoundError),
    ("method_not_allowed", 405, "INVALID_REQUEST", InvalidRequestError),
    ("conflict", 409, "INVALID_REQUEST", ConflictError),
    ("payload_too_large", 413, "INVALID_REQUEST", InvalidRequestError),
    ("unsupported_media_type", 415, "INVALID_REQUEST", InvalidRequestError),
    ("rate_limited", 429, "RATE_LIMITED", RateLimitError),
    ("internal", 500, "INTERNAL_ERROR", APIError),
    ("service_unavailable", 503, "INTERNAL_ERROR", APIError),
]


class ErrorMappingTest(unittest.TestCase):
    def setUp(self) -> None:
        self.server = LocalServer().start()
        # No retries here: these tests are about mapping (retries are in test_retries.py).
        self.poy = POYVerify(api_key="poy_test_" + "a" * 32, base_url=self.server.base_url, max_retries=0)

    def tearDown(self) -> None:
        self.server.stop()

    def test_poy_format_for_every_documented_status(self) -> None:
        for error_type, status, _, cls in DOCUMENTED:
            with self.subTest(status=status):
                message = f"Something about {error_type}."
                headers = {"Retry-After": "7"} if status == 429 else {}
                self.server.reply(Reply(status, poy_error(status, error_type, message, "req_abc"), headers))
                with self.assertRaises(cls) as caught:
                    self.poy.verify("usr_1")
                error = caught.exception
                self.assertIsInstance(error, POYError)
                self.assertEqual(error.status, status)
                self.assertEqual(error.code, error_type)
                self.assertEqual(error.type, error_type)
                self.assertEqual(error.message, message)
                self.assertEqual(error.request_id, "req_abc")
                self.assertIn(message, str(error))
                self.assertIn(f"HTTP {status}", str(error))
                self.assertTrue(error.hint, "every error says what to do next")
                self.assertIn(error.hint, str(error))
                if status == 429:
                    assert isinstance(error, RateLimitError)
                    self.assertEqual(error.retry_after_seconds, 7.0)
                    self.assertIn("Retry after 7 s", str(error))

    def test_connect_format_for_every_documented_status(self) -> None:
        for _, status, failure_code, cls in DOCUMENTED:
            with self.subTest(status=status):
                self.server.reply(Reply(status, connect_error(failure_code, "Connect says no.", "req_conn")))
                with self.assertRaises(cls) as caught:
                    self.poy.connect.get_status(reference_user_id="ref_1")
                error = caught.exception
                self.assertEqual(error.status, status)
                self.assertEqual(error.code, failure_code)
                self.assertEqual(error.message, "Connect says no.")
                self.assertEqual(error.request_id, "req_conn")
                expected_type = {
                    "INVALID_REQUEST": "invalid_request",
                    "UNAUTHORIZED": "unauthorized",
                    "FORBIDDEN": "forbidden",
                    "DOES_NOT_EXIST": "not_found",
                    "RATE_LIMITED": "rate_limited",
                    "INTERNAL_ERROR": "internal",
                }[failure_code]
                self.assertEqual(error.type, expected_type)

    def test_seed_documented_minimal_error_body(self) -> None:
        # The developer docs show {"error": {"code": 401, "message": "..."}} without type/requestId.
        self.server.reply(
            Reply(401, {"error": {"code": 401, "message": "Invalid or missing API key."}}, {"x-request-id": "req_hdr"})
        )
        with self.assertRaises(AuthenticationError) as caught:
            self.poy.check("usr_1")
        self.assertEqual(caught.exception.message, "Invalid or missing API key.")
        self.assertIsNone(caught.exception.code)
        self.assertEqual(caught.exception.request_id, "req_hdr")  # from the x-request-id header
        self.assertIn("api_key", str(caught.exception))

    def test_non_json_bodies(self) -> None:
        self.server.reply(Reply(502, b"<html>Bad gateway</html>", {"Content-Type": "text/html"}))
        with self.assertRaises(APIError) as caught:
            self.poy.check("usr_1")
        self.assertEqual(caught.exception.status, 502)
        self.assertIn("HTTP 502", caught.exception.message)
        self.server.reply(Reply(418, b"", {}))
        with self.assertRaises(InvalidRequestError):
            self.poy.check("usr_1")

    def test_hints_say_what_to_do_next(self) -> None:
        expectations = {
            401: "api_key",
            403: "poy_test_",
            404: "Live and test keys",
            409: "current state",
            429: "Retry-After",
            500: "retry later",
        }
        for status, fragment in expectations.items():
            with self.subTest(status=status):
                self.server.reply(Reply(status, poy_error(status, "x", "Nope.")))
                with self.assertRaises(POYError) as caught:
                    self.poy.get_trust("usr_1")
                self.assertIn(fragment, caught.exception.hint)

    def test_missing_api_key_is_clear_before_any_request(self) -> None:
        import os

        saved = os.environ.pop("POY_API_KEY", None)
        try:
            poy = POYVerify(base_url=self.server.base_url)
            with self.assertRaises(POYError) as caught:
                poy.verify("usr_1")
            self.assertIn("POY_API_KEY", str(caught.exception))
            self.assertEqual(len(self.server.requests), 0)
        finally:
            if saved is not None:
                os.environ["POY_API_KEY"] = saved


class TransportFailureTest(unittest.TestCase):
    def test_connection_refused(self) -> None:
        port = _support.free_port()  # nothing listens there
        poy = POYVerify(api_key="k", base_url=f"http://127.0.0.1:{port}", max_retries=0)
        with self.assertRaises(APIConnectionError) as caught:
            poy.check("usr_1")
        self.assertIsNone(caught.exception.status)
        self.assertIn(f"127.0.0.1:{port}", str(caught.exception))
        self.assertIn("POY_BASE_URL", str(caught.exception))
        self.assertNotIsInstance(caught.exception, APITimeoutError)

    def test_timeout(self) -> None:
        with LocalServer() as server:
            server.reply(Reply(200, {"isHuman": True, "poyId": None}, delay=1.0))
            poy = POYVerify(api_key="k", base_url=server.base_url, timeout=0.2, max_retries=0)
            with self.assertRaises(APITimeoutError) as caught:
                poy.check("usr_1")
            self.assertIsInstance(caught.exception, APIConnectionError)
            self.assertIn("0.2 s", str(caught.exception))
            self.assertIn("timeout=", str(caught.exception))

    def test_dropped_connection(self) -> None:
        with LocalServer() as server:
            server.reply(Reply(drop_connection=True))
            poy = POYVerify(api_key="k", base_url=server.base_url, max_retries=0)
            with self.assertRaises(APIConnectionError):
                poy.check("usr_1")

    def test_silent_listener_times_out(self) -> None:
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        try:
            port = listener.getsockname()[1]
            poy = POYVerify(api_key="k", base_url=f"http://127.0.0.1:{port}", timeout=0.2, max_retries=0)
            with self.assertRaises(APITimeoutError):
                poy.check("usr_1")
        finally:
            listener.close()


if __name__ == "__main__":
    unittest.main()
