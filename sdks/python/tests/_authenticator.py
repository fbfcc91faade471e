"""A software WebAuthn authenticator (ES256, attestation "none", user verified), for driving the real
server's passkey ceremonies from Python tests without a browser.

It builds what a browser would POST: a RegistrationResponseJSON for ``passkeys.register_verify`` and
the assertion fields for ``passkeys.authenticate`` (WebAuthn Level 3, sections 6.1 and 6.5).
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
from typing import Any, Dict, Mapping, Union

import _ecdsa_sign

CborValue = Union[int, bytes, str, Dict[Any, Any]]

FLAG_UP = 0x01
FLAG_UV = 0x04
FLAG_AT = 0x40


def _head(major: int, length: int) -> bytes:
    if length < 24:
        return bytes([major << 5 | length])
    if length < 0x100:
        return bytes([major << 5 | 24, length])
    if length < 0x10000:
        return bytes([major << 5 | 25]) + struct.pack(">H", length)
    return bytes([major << 5 | 26]) + struct.pack(">I", length)


def cbor(value: CborValue) -> bytes:
    """The few CBOR types WebAuthn needs: integers, byte and text strings, maps."""
    if isinstance(value, bool):
        raise TypeError("booleans are not needed here")
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        encoded = value.encode("utf-8")
        return _head(3, len(encoded)) + encoded
    if isinstance(value, dict):
        return _head(5, len(value)) + b"".join(cbor(k) + cbor(v) for k, v in value.items())
    raise TypeError(f"cannot encode {type(value).__name__}")


class SoftwareAuthenticator:
    """One passkey (one P-256 key pair) on an imaginary platform authenticator."""

    def __init__(self, origin: str, rp_id: str) -> None:
        self.origin = origin
        self.rp_id = rp_id
        self.private, self.public = _ecdsa_sign.keypair()
        self.credential_id = os.urandom(16)
        self.sign_count = 0
        self.user_handle = ""

    @property
    def credential_id_b64(self) -> str:
        return _ecdsa_sign.b64url(self.credential_id)

    def _client_data(self, kind: str, challenge: str) -> bytes:
        return json.dumps(
            {"type": kind, "challenge": challenge, "origin": self.origin, "crossOrigin": False},
            separators=(",", ":"),
        ).encode()

    def register(self, options: Mapping[str, Any]) -> Dict[str, Any]:
        """The RegistrationResponseJSON for creation options from the server."""
        rp = options.get("rp") or {}
        if rp.get("id") and rp["id"] != self.rp_id:
            raise AssertionError(f"options are for rp {rp['id']}, not {self.rp_id}")
        self.user_handle = str((options.get("user") or {}).get("id", ""))
        cose_key = cbor(
            {
                1: 2,  # kty: EC2
                3: -7,  # alg: ES256
                -1: 1,  # crv: P-256
                -2: self.public[0].to_bytes(32, "big"),
                -3: self.public[1].to_bytes(32, "big"),
            }
        )
        auth_data = (
            hashlib.sha256(self.rp_id.encode()).digest()
            + bytes([FLAG_UP | FLAG_UV | FLAG_AT])
            + struct.pack(">I", self.sign_count)
            + bytes(16)  # AAGUID
            + struct.pack(">H", len(self.credential_id))
            + self.credential_id
            + cose_key
        )
        attestation = cbor({"fmt": "none", "attStmt": {}, "authData": auth_data})
        client_data = self._client_data("webauthn.create", str(options["challenge"]))
        return {
            "id": self.credential_id_b64,
            "rawId": self.credential_id_b64,
            "type": "public-key",
            "authenticatorAttachment": "platform",
            "clientExtensionResults": {},
            "response": {
                "clientDataJSON": _ecdsa_sign.b64url(client_data),
                "attestationObject": _ecdsa_sign.b64url(attestation),
                "transports": ["internal"],
            },
        }

    def assert_(self, options: Mapping[str, Any]) -> Dict[str, str]:
        """The assertion fields (base64url) for request options from the server."""
        self.sign_count += 1
        auth_data = (
            hashlib.sha256(self.rp_id.encode()).digest()
            + bytes([FLAG_UP | FLAG_UV])
            + struct.pack(">I", self.sign_count)
        )
        client_data = self._client_data("webauthn.get", str(options["challenge"]))
        signature = _ecdsa_sign.der_signature(self.private, auth_data + hashlib.sha256(client_data).digest())
        return {
            "credential_id": self.credential_id_b64,
            "authenticator_data": _ecdsa_sign.b64url(auth_data),
            "client_data_json": _ecdsa_sign.b64url(client_data),
            "signature": _ecdsa_sign.b64url(signature),
            "user_handle": self.user_handle,
        }
