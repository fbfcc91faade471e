"""Offline checks of stamps (spec/stamps.md) and session tokens, with the SDK's own P-256 verifier."""

from __future__ import annotations

import json
import os
import re
import unittest
from datetime import datetime, timezone
from typing import Any, Dict

import _support
import _ecdsa_sign
from poyverify import (
    Stamp,
    content_hash,
    stamp_signed_bytes,
    verify_redirect_result,
    verify_session_token_offline,
    verify_stamp_offline,
)

STAMP_JWK = {
    "kty": "EC",
    "crv": "P-256",
    "x": "_fzNwSJgOpE7mR_5Z5CRj9rsgAgpuUG_R4wHEzY5b7o",
    "y": "xiGvpw6h_0rlK2jRT-2I01804vix_wdMfNpju5QGMhg",
    "kid": "poy-stamp-20260407-3e4555022522",
    "alg": "ES256",
    "use": "sig",
}
EXAMPLE_STAMP = {
    "stampId": "stmp_7f8a9b0c1d2e",
    "signature": "ecdsa:rzm5PITCsTzS5w3YiIO24msYhxEw7ena7CPskNmsNUDL3o5EbtbxJZprlJzeyQaFWwd-cht-FX_h6zt7Hkn3-A",
    "createdBy": "PoY #00482A1",
    "createdAt": "2026-04-07T12:30:00.000Z",
    "keyId": "poy-stamp-20260407-3e4555022522",
    "format": "poy-stamp/v1",
}
CONTENT = b"Hello, world!"
JWKS = {"keys": [STAMP_JWK]}


def spec_blocks() -> Dict[str, str]:
    """The worked example's blocks of spec/stamps.md (``<!-- example:NAME -->`` then a fenced block)."""
    path = os.path.join(_support.REPO_ROOT, "spec", "stamps.md")
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    return {
        name: body.strip()
        for name, body in re.findall(r"<!-- example:([a-z-]+) -->\s*```[a-z]*\n(.*?)```", text, re.S)
    }


class StampWorkedExampleTest(unittest.TestCase):
    def test_the_spec_example_verifies(self) -> None:
        check = verify_stamp_offline(EXAMPLE_STAMP, JWKS, content=CONTENT, content_type="article")
        self.assertTrue(check.valid, check)
        self.assertEqual(check.mode, "live")
        self.assertIsNone(check.reason)
        self.assertEqual(check.content_hash, content_hash(CONTENT))

    @unittest.skipUnless(os.path.exists(os.path.join(_support.REPO_ROOT, "spec", "stamps.md")), "no spec")
    def test_matches_spec_stamps_md(self) -> None:
        """The SDK rebuilds exactly the bytes the spec shows, and verifies the spec's own example."""
        blocks = spec_blocks()
        statement = json.loads(blocks["statement"])
        rebuilt = stamp_signed_bytes(
            mode=statement["mode"],
            stamp_id=statement["stampId"],
            content_hash=statement["contentHash"],
            content_type=statement["contentType"],
            created_by=statement["createdBy"],
            created_at=statement["createdAt"],
        )
        self.assertEqual(rebuilt.hex(), blocks["bytes-hex"])
        self.assertEqual(json.dumps(rebuilt.decode()), blocks["bytes-escaped"])
        jwk = json.loads(blocks["jwk"])
        stamp = {**statement, "signature": blocks["signature"], "keyId": jwk["kid"], "format": "poy-stamp/v1"}
        self.assertTrue(verify_stamp_offline(stamp, {"keys": [jwk]}).valid)
        self.assertEqual(statement["contentHash"], content_hash(CONTENT))

    def test_content_hash_or_stamp_record(self) -> None:
        digest = content_hash("Hello, world!")
        self.assertTrue(verify_stamp_offline(EXAMPLE_STAMP, JWKS, content_hash=digest, content_type="article").valid)
        upper = "sha256:" + digest[7:].upper()
        self.assertTrue(verify_stamp_offline(EXAMPLE_STAMP, JWKS, content_hash=upper, content_type="article").valid)
        record = {**EXAMPLE_STAMP, "contentHash": digest, "contentType": "article"}
        self.assertTrue(verify_stamp_offline(record, json.dumps(JWKS)).valid)
        snake = {
            "stamp_id": EXAMPLE_STAMP["stampId"],
            "signature": EXAMPLE_STAMP["signature"],
            "created_by": EXAMPLE_STAMP["createdBy"],
            "created_at": datetime(2026, 4, 7, 12, 30, tzinfo=timezone.utc),
            "key_id": EXAMPLE_STAMP["keyId"],
            "format": "poy-stamp/v1",
            "content_type": "article",
        }
        self.assertTrue(verify_stamp_offline(snake, JWKS, content=CONTENT).valid)

    def test_a_stamp_model_verifies(self) -> None:
        stamp = Stamp.from_dict(dict(EXAMPLE_STAMP))
        self.assertTrue(verify_stamp_offline(stamp, JWKS, content=CONTENT, content_type="article").valid)
        # Without raw (built by hand), the timestamp is re-formatted with milliseconds.
        bare = Stamp(
            stamp_id=stamp.stamp_id,
            signature=stamp.signature,
            created_by=stamp.created_by,
            created_at=stamp.created_at,
            key_id=stamp.key_id,
            format=stamp.format,
        )
        self.assertTrue(verify_stamp_offline(bare, JWKS, content=CONTENT, content_type="article").valid)

    def test_changes_break_it(self) -> None:
        cases = {
            "content": dict(content=b"Hello, world?", content_type="article"),
            "content type": dict(content=CONTENT, content_type="image/png"),
        }
        for name, kwargs in cases.items():
            with self.subTest(name):
                check = verify_stamp_offline(EXAMPLE_STAMP, JWKS, **kwargs)  # type: ignore[arg-type]
                self.assertFalse(check.valid)
                self.assertEqual(check.reason, "invalid_signature")
        for field, value in (
            ("createdAt", "2026-04-07T12:30:00.001Z"),
            ("createdBy", "PoY #00482A2"),
            ("stampId", "stmp_7f8a9b0c1d2f"),
        ):
            with self.subTest(field):
                check = verify_stamp_offline({**EXAMPLE_STAMP, field: value}, JWKS, content=CONTENT, content_type="article")
                self.assertEqual(check.reason, "invalid_signature")

    def test_unknown_format_is_unknown_not_invalid(self) -> None:
        check = verify_stamp_offline({**EXAMPLE_STAMP, "format": "poy-stamp/v2"}, JWKS, content=CONTENT, content_type="article")
        self.assertFalse(check.valid)
        self.assertEqual(check.reason, "unknown_format")

    def test_key_rules(self) -> None:
        session_kid = {**EXAMPLE_STAMP, "keyId": "poy-session-20260407-3e4555022522"}
        jwks = {"keys": [{**STAMP_JWK, "kid": session_kid["keyId"]}]}
        self.assertEqual(
            verify_stamp_offline(session_kid, jwks, content=CONTENT, content_type="article").reason, "wrong_key_purpose"
        )
        self.assertEqual(
            verify_stamp_offline(EXAMPLE_STAMP, {"keys": []}, content=CONTENT, content_type="article").reason, "unknown_key"
        )
        self.assertEqual(verify_stamp_offline(EXAMPLE_STAMP, "not json", content=CONTENT, content_type="article").reason, "unknown_key")
        _, other = _ecdsa_sign.keypair()
        impostor = {"keys": [_ecdsa_sign.jwk(other, STAMP_JWK["kid"])]}
        self.assertEqual(
            verify_stamp_offline(EXAMPLE_STAMP, impostor, content=CONTENT, content_type="article").reason, "invalid_signature"
        )

    def test_malformed(self) -> None:
        for field, value in (
            ("signature", "rzm5PITC"),
            ("signature", "ecdsa:AAAA"),
            ("signature", "ecdsa:***"),
            ("createdAt", "2026-04-07T12:30:00Z"),
            ("createdBy", "PoY #00482a1"),
        ):
            with self.subTest(field=field, value=value):
                check = verify_stamp_offline({**EXAMPLE_STAMP, field: value}, JWKS, content=CONTENT, content_type="article")
                self.assertEqual(check.reason, "malformed")
        bad_type = verify_stamp_offline(EXAMPLE_STAMP, JWKS, content=CONTENT, content_type="two\nlines")
        self.assertEqual(bad_type.reason, "malformed")

    def test_programming_errors_raise(self) -> None:
        with self.assertRaises(ValueError):
            verify_stamp_offline(EXAMPLE_STAMP, JWKS, content_type="article")
        with self.assertRaises(ValueError):
            verify_stamp_offline(EXAMPLE_STAMP, JWKS, content=CONTENT)


class SandboxStampTest(unittest.TestCase):
    def setUp(self) -> None:
        self.private, public = _ecdsa_sign.keypair()
        self.kid = "poy-stamp-20261122-aaaaaaaaaaaa"
        self.jwks = {"keys": [STAMP_JWK, _ecdsa_sign.jwk(public, self.kid)]}

    def _stamp(self, mode: str) -> Dict[str, Any]:
        fields = dict(
            stamp_id="stmp_0123456789ab",
            content_hash=content_hash(b"draft"),
            content_type="image/png",
            created_by="PoY #ABCDEF0",
            created_at="2026-11-22T10:00:00.123Z",
        )
        signature = _ecdsa_sign.sign_p1363(self.private, stamp_signed_bytes(mode=mode, **fields))
        return {
            "stampId": fields["stamp_id"],
            "signature": "ecdsa:" + _ecdsa_sign.b64url(signature),
            "createdBy": fields["created_by"],
            "createdAt": fields["created_at"],
            "keyId": self.kid,
            "format": "poy-stamp/v1",
            "contentType": fields["content_type"],
        }

    def test_a_sandbox_stamp_never_passes_for_a_live_one(self) -> None:
        check = verify_stamp_offline(self._stamp("test"), self.jwks, content=b"draft")
        self.assertFalse(check.valid)
        self.assertEqual((check.reason, check.mode), ("sandbox_stamp", "test"))
        allowed = verify_stamp_offline(self._stamp("test"), self.jwks, content=b"draft", allow_test=True)
        self.assertTrue(allowed.valid)
        self.assertEqual(allowed.mode, "test")

    def test_a_live_stamp_by_a_second_key(self) -> None:
        check = verify_stamp_offline(self._stamp("live"), self.jwks, content=b"draft")
        self.assertTrue(check.valid)
        self.assertEqual((check.mode, check.key_id), ("live", self.kid))


ISSUER = "http://localhost:8080"
AUDIENCE = "demo"


class SessionTokenTest(unittest.TestCase):
    def setUp(self) -> None:
        self.private, public = _ecdsa_sign.keypair()
        self.kid = "poy-session-20261122-0123456789ab"
        self.jwks = {"keys": [STAMP_JWK, _ecdsa_sign.jwk(public, self.kid)]}
        self.now = 1_795_000_000
        self.claims: Dict[str, Any] = {
            "iss": ISSUER,
            "sub": "usr_abc123",
            "aud": AUDIENCE,
            "poy_project": "proj_123",
            "poy_mode": "test",
            "cred": "Y3JlZA",
            "iat": self.now - 60,
            "exp": self.now + 3540,
            "jti": "jti_1",
        }

    def token(self, header: Any = None, private: Any = None, **changes: Any) -> str:
        claims = {**self.claims, **changes}
        for name in [name for name, value in claims.items() if value is None]:
            del claims[name]
        return _ecdsa_sign.session_token(private or self.private, self.kid, claims, header)

    def check(self, token: str, **kwargs: Any):  # type: ignore[no-untyped-def]
        kwargs.setdefault("now", self.now)
        return verify_session_token_offline(token, self.jwks, **kwargs)

    def test_valid(self) -> None:
        result = self.check(self.token(), audience=AUDIENCE, issuer=ISSUER, project_id="proj_123", mode="test")
        self.assertTrue(result.valid, result)
        assert result.claims is not None
        self.assertEqual(result.claims.user_id, "usr_abc123")
        self.assertEqual(result.claims.credential_id, "Y3JlZA")
        self.assertEqual(result.claims.expires_at, datetime.fromtimestamp(self.now + 3540, timezone.utc))
        # Without pinning iss/aud it still checks signature and expiry.
        self.assertTrue(self.check(self.token()).valid)
        self.assertTrue(self.check(self.token(), now=datetime.fromtimestamp(self.now, timezone.utc)).valid)

    def test_expiry(self) -> None:
        self.assertEqual(self.check(self.token(), now=self.now + 3540).reason, "expired")
        self.assertTrue(self.check(self.token(), now=self.now + 3539).valid)
        self.assertEqual(self.check(self.token(), now=self.now + 86_400).reason, "expired")

    def test_issuer_and_audience(self) -> None:
        self.assertEqual(self.check(self.token(), issuer="https://evil.example").reason, "wrong_issuer")
        self.assertEqual(self.check(self.token(), audience="other-project").reason, "wrong_audience")
        # POY tokens carry one audience (a string), as the server's claim schema requires.
        self.assertEqual(self.check(self.token(aud=["x", AUDIENCE]), audience=AUDIENCE).reason, "malformed")
        self.assertEqual(self.check(self.token(aud=["x"]), audience=AUDIENCE).reason, "wrong_audience")
        self.assertEqual(self.check(self.token(), project_id="proj_other").reason, "wrong_audience")
        self.assertEqual(self.check(self.token(), mode="live").reason, "wrong_audience")

    def test_signature(self) -> None:
        other_private, _ = _ecdsa_sign.keypair()
        self.assertEqual(self.check(self.token(private=other_private)).reason, "invalid_signature")
        token = self.token()
        head, _, signature = token[len("poy_sess_") :].split(".")
        forged_claims = {**self.claims, "sub": "usr_admin"}
        forged_body = _ecdsa_sign.b64url(json.dumps(forged_claims).encode())
        self.assertEqual(self.check(f"poy_sess_{head}.{forged_body}.{signature}").reason, "invalid_signature")

    def test_keys(self) -> None:
        stamp_key_token = _ecdsa_sign.session_token(self.private, STAMP_JWK["kid"], self.claims)
        self.assertEqual(self.check(stamp_key_token).reason, "unknown_key")
        unknown = _ecdsa_sign.session_token(self.private, "poy-session-19990101-000000000000", self.claims)
        self.assertEqual(self.check(unknown).reason, "unknown_key")

    def test_pinned_algorithm_and_type(self) -> None:
        self.assertEqual(self.check(self.token(header={"alg": "none"})).reason, "malformed")
        self.assertEqual(self.check(self.token(header={"alg": "HS256"})).reason, "malformed")
        self.assertEqual(self.check(self.token(header={"typ": "JWT"})).reason, "malformed")
        self.assertEqual(self.check(self.token(header={"crit": ["b64"]})).reason, "malformed")

    def test_malformed(self) -> None:
        token = self.token()
        for bad in (token[len("poy_sess_") :], "poy_sess_", "poy_sess_a.b", token + ".x", "poy_sess_!!.??.**"):
            with self.subTest(bad=bad[:20]):
                self.assertEqual(self.check(bad).reason, "malformed")
        self.assertEqual(self.check(self.token(jti=None)).reason, "malformed")
        self.assertEqual(self.check(self.token(poy_mode="staging")).reason, "malformed")
        self.assertEqual(self.check(self.token(iat="yesterday")).reason, "malformed")
        self.assertEqual(self.check(self.token(nbf=self.now + 100)).reason, "malformed")
        self.assertEqual(verify_session_token_offline(token, {"nope": 1}, now=self.now).reason, "malformed")
        self.assertEqual(verify_session_token_offline(token, "{", now=self.now).reason, "malformed")
        self.assertTrue(verify_session_token_offline(token, json.dumps(self.jwks), now=self.now).valid)


def redirect_token(private: int, claims: Dict[str, Any], header: Dict[str, Any]) -> str:
    head = _ecdsa_sign.b64url(json.dumps(header, separators=(",", ":")).encode())
    body = _ecdsa_sign.b64url(json.dumps(claims, separators=(",", ":")).encode())
    signature = _ecdsa_sign.sign_p1363(private, f"{head}.{body}".encode("ascii"))
    return f"{head}.{body}.{_ecdsa_sign.b64url(signature)}"


class RedirectResultTest(unittest.TestCase):
    def setUp(self) -> None:
        self.private, public = _ecdsa_sign.keypair()
        self.kid = "poy-redirect-20261122-0123456789ab"
        self.session_private, session_public = _ecdsa_sign.keypair()
        self.session_kid = "poy-session-20261122-0123456789ab"
        self.jwks = {
            "keys": [_ecdsa_sign.jwk(session_public, self.session_kid), _ecdsa_sign.jwk(public, self.kid)]
        }
        self.now = 1_795_000_000
        self.header: Dict[str, Any] = {"alg": "ES256", "kid": self.kid, "typ": "poy-result+jwt"}
        self.claims: Dict[str, Any] = {
            "iss": ISSUER,
            "aud": "proj_123",
            "sub": "bcu_1",
            "reference_user_id": "customer-1",
            "poy_mode": "live",
            "status": "VERIFIED",
            "nonce": "bm9uY2U",
            "iat": self.now - 5,
            "exp": self.now + 595,
        }

    def token(self, header: Any = None, private: Any = None, **changes: Any) -> str:
        return redirect_token(private or self.private, {**self.claims, **changes}, {**self.header, **(header or {})})

    def check(self, token: Any, **kwargs: Any):  # type: ignore[no-untyped-def]
        kwargs.setdefault("now", self.now)
        project_id = kwargs.pop("project_id", "proj_123")
        return verify_redirect_result(token, kwargs.pop("jwks", self.jwks), project_id, **kwargs)

    def test_valid(self) -> None:
        result = self.check(self.token(), issuer=ISSUER, mode="live")
        self.assertTrue(result.valid, result)
        assert result.claims is not None
        self.assertEqual(result.status, "VERIFIED")
        self.assertEqual(result.claims.user_id, "bcu_1")
        self.assertEqual(result.claims.reference_user_id, "customer-1")
        self.assertEqual(result.claims.expires_at, datetime.fromtimestamp(self.now + 595, timezone.utc))
        self.assertTrue(self.check(self.token(), jwks=json.dumps(self.jwks)).valid)

    def test_each_failure_has_its_reason(self) -> None:
        good = self.token()
        head, body, signature = good.split(".")
        middle = len(body) // 2
        changed_body = body[:middle] + ("B" if body[middle] == "A" else "A") + body[middle + 1 :]
        changed_signature = signature[:10] + ("B" if signature[10] == "A" else "A") + signature[11:]
        other_private, _ = _ecdsa_sign.keypair()
        cases = [
            (f"{head}.{changed_body}.{signature}", {}, "invalid_signature"),
            (f"{head}.{body}.{changed_signature}", {}, "invalid_signature"),
            (self.token(private=other_private), {}, "invalid_signature"),
            (self.token(header={"typ": "poy-session+jwt"}), {}, "wrong_type"),
            (self.token(header={"alg": "none"}), {}, "malformed"),
            (self.token(header={"crit": ["b64"]}), {}, "malformed"),
            (good, {"project_id": "proj_other"}, "wrong_audience"),
            (good, {"mode": "test"}, "wrong_audience"),
            (good, {"issuer": "https://evil.example"}, "wrong_issuer"),
            (good, {"now": self.now + 595}, "expired"),
            (self.token(header={"kid": "poy-redirect-19990101-000000000000"}), {}, "unknown_key"),
            (self.token(header={"kid": self.session_kid}, private=self.session_private), {}, "unknown_key"),
            (self.token(status="PENDING"), {}, "malformed"),
            (self.token(iat="yesterday"), {}, "malformed"),
            (good, {"jwks": {"nope": 1}}, "malformed"),
            ("a.b", {}, "malformed"),
            (None, {}, "malformed"),
        ]
        for token, kwargs, reason in cases:
            with self.subTest(reason=reason, token=str(token)[:30]):
                self.assertEqual(self.check(token, **kwargs).reason, reason)
        self.assertTrue(self.check(good, now=self.now + 600, clock_tolerance_seconds=10).valid)


if __name__ == "__main__":
    unittest.main()
