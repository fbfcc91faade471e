"""Results of API calls: frozen dataclasses with snake_case fields.

Every result keeps the whole JSON answer, exactly as received, in ``raw`` (so fields a newer server
adds are never lost), and timestamps are timezone-aware :class:`datetime.datetime` objects (UTC).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, List, Mapping, Optional

from ._json import as_dict, as_list

__all__ = [
    "Checks",
    "VerifyResult",
    "CheckResult",
    "EnrollmentResult",
    "Profile",
    "TrustFactors",
    "TrustResult",
    "Project",
    "ApiKeyInfo",
    "Stamp",
    "StampVerification",
    "PasskeyOptions",
    "PasskeyRegistration",
    "PasskeyAuthentication",
    "SessionVerification",
    "WebhookEndpoint",
    "WebhookSecretRotation",
    "WebhookDeletion",
    "DeliveryAttempt",
    "WebhookDelivery",
    "DeliveryPage",
    "Redelivery",
    "WebhookTestDelivery",
    "ConnectRegistration",
    "SimpleDataResponse",
    "ConnectUserStatus",
    "ConnectDeletion",
    "ConnectWebhook",
    "ConnectWebhookConfig",
    "ConnectWebhookDeletion",
    "ConnectSecretRotation",
    "parse_datetime",
]

_ISO = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$", re.IGNORECASE
)


def parse_datetime(value: Any) -> Optional[datetime]:
    """An ISO-8601 timestamp (``2026-04-07T12:00:00.000Z``) as an aware datetime; ``None`` for
    ``None`` or anything unparseable."""
    if not isinstance(value, str):
        return None
    match = _ISO.match(value.strip())
    if not match:
        return None
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    tz = timezone.utc
    if zone and zone.upper() != "Z":
        sign = -1 if zone[0] == "-" else 1
        digits = zone[1:].replace(":", "")
        tz = timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
    try:
        return datetime(int(year), int(month), int(day), int(hour), int(minute), int(second), micro, tz)
    except ValueError:
        return None


def _dict(value: Any) -> Dict[str, Any]:
    return as_dict(value) or {}


def _str(data: Mapping[str, Any], key: str, default: str = "") -> str:
    value = data.get(key)
    return value if isinstance(value, str) else default


def _opt_str(data: Mapping[str, Any], key: str) -> Optional[str]:
    value = data.get(key)
    return value if isinstance(value, str) else None


def _int(data: Mapping[str, Any], key: str, default: int = 0) -> int:
    value = data.get(key)
    if isinstance(value, bool):
        return default
    if isinstance(value, (int, float)):
        return int(value)
    return default


def _opt_int(data: Mapping[str, Any], key: str) -> Optional[int]:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return int(value)


def _bool(data: Mapping[str, Any], key: str, default: bool = False) -> bool:
    value = data.get(key)
    return value if isinstance(value, bool) else default


def _opt_bool(data: Mapping[str, Any], key: str) -> Optional[bool]:
    value = data.get(key)
    return value if isinstance(value, bool) else None


def _time(data: Mapping[str, Any], key: str) -> Optional[datetime]:
    return parse_datetime(data.get(key))


def _str_list(data: Mapping[str, Any], key: str) -> List[str]:
    value = data.get(key)
    return [item for item in as_list(value) if isinstance(item, str)]


def _empty() -> Dict[str, Any]:
    return {}


def _raw() -> Any:
    return field(default_factory=_empty, repr=False, compare=False)


# -- POY: humans -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Checks:
    """Each check is ``"pass"``, ``"fail"`` or ``"pending"``."""

    liveness: str
    device: str
    behavioral: str
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_dict(cls, data: Any) -> "Checks":
        data = _dict(data)
        return cls(
            liveness=_str(data, "liveness", "pending"),
            device=_str(data, "device", "pending"),
            behavioral=_str(data, "behavioral", "pending"),
            raw=data,
        )


@dataclass(frozen=True)
class VerifyResult:
    """``POST /api/poy/verify``. When ``is_human`` is false and the user is not yet verified,
    ``enrollment_url`` is where to send the person (valid until ``expires_at``)."""

    is_human: bool
    trust_score: int
    poy_id: Optional[str]
    verified_at: Optional[datetime]
    checks: Checks
    enrollment_url: Optional[str] = None
    expires_at: Optional[datetime] = None
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_dict(cls, data: Any) -> "VerifyResult":
        data = _dict(data)
        return cls(
            is_human=_bool(data, "isHuman"),
            trust_score=_int(data, "trustScore"),
            poy_id=_opt_str(data, "poyId"),
            verified_at=_time(data, "verifiedAt"),
            checks=Checks.from_dict(data.get("checks")),
            enrollment_url=_opt_str(data, "enrollmentUrl"),
            expires_at=_time(data, "expiresAt"),
            raw=data,
        )


@dataclass(frozen=True)
class CheckResult:
    """``GET /api/poy/check``: the quick boolean."""

    is_human: bool
    poy_id: Optional[str]
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_dict(cls, data: Any) -> "CheckResult":
        data = _dict(data)
        return cls(is_human=_bool(data, "isHuman"), poy_id=_opt_str(data, "poyId"), raw=data)


@dataclass(frozen=True)
class EnrollmentResult:
    """``POST /api/poy/public-enroll``."""

    poy_id: str
    enrollment_url: str
    expires_at: Optional[datetime]
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_dict(cls, data: Any) -> "EnrollmentResult":
        data = _dict(data)
        return cls(
            poy_id=_str(data, "poyId"),
            enrollment_url=_str(data, "enrollmentUrl"),
            expires_at=_time(data, "expiresAt"),
            raw=data,
        )


@dataclass(frozen=True)
class Profile:
    """``GET /api/poy/profile/{poyId}``: the public, non-sensitive view of a PoY identity."""

    poy_id: str
    is_verified: bool
    badge_level: str
    trust_score: int
    verified_since: Optional[datetime]
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_dict(cls, data: Any) -> "Profile":
        data = _dict(data)
        return cls(
            poy_id=_str(data, "poyId"),
            is_verified=_bool(data, "isVerified"),
            badge_level=_str(data, "badgeLevel"),
            trust_score=_int(data, "trustScore"),
            verified_since=_time(data, "verifiedSince"),
            raw=data,
        )


@dataclass(frozen=True)
class TrustFactors:
    """Each factor is 0-100."""

    liveness: int
    device: int
    behavioral: int
    credential: int
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_dict(cls, data: Any) -> "TrustFactors":
        data = _dict(data)
        return cls(
            liveness=_int(data, "liveness"),
            device=_int(data, "device"),
            behavioral=_int(data, "behavioral"),
            credential=_int(data, "credential"),
            raw=data,
        )


@dataclass(frozen=True)
class TrustResult:
    """``GET /api/poy/trust/{userId}``. ``level`` is ``high``, ``medium``, ``low`` or ``none``."""

    user_id: str
    trust_score: int
    level: str
    factors: TrustFactors
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_dict(cls, data: Any) -> "TrustResult":
        data = _dict(data)
        return cls(
            user_id=_str(data, "userId"),
            trust_score=_int(data, "trustScore"),
            level=_str(data, "level", "none"),
            factors=TrustFactors.from_dict(data.get("factors")),
            raw=data,
        )


@dataclass(frozen=True)
class Project:
    """``GET /api/poy/project``: the project the API key belongs to. ``public_id`` is what
    :meth:`POYVerify.public_enroll` takes as ``platform`` and what session tokens carry as ``aud``."""

    id: str
    public_id: str
    name: str
    plan: str
    mode: str
    trust_threshold: int
    redirect_origins: List[str]
    created_at: Optional[datetime]
    #: Settings to fix, e.g. ``redirect_origins_unset`` (a live project that accepts any redirect URL).
    warnings: List[str] = field(default_factory=lambda: [])
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_dict(cls, data: Any) -> "Project":
        data = _dict(data)
        return cls(
            id=_str(data, "id"),
            public_id=_str(data, "publicId"),
            name=_str(data, "name"),
            plan=_str(data, "plan"),
            mode=_str(data, "mode"),
            trust_threshold=_int(data, "trustThreshold"),
            redirect_origins=_str_list(data, "redirectOrigins"),
            created_at=_time(data, "createdAt"),
            warnings=_str_list(data, "warnings"),
            raw=data,
        )


@dataclass(frozen=True)
class ApiKeyInfo:
    """One entry of ``GET /api/poy/keys`` (prefixes only, never the secret)."""

    id: str
    name: str
    mode: str
    display_prefix: str
    created_at: Optional[datetime]
    last_used_at: Optional[datetime]
    revoked_at: Optional[datetime]
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_dict(cls, data: Any) -> "ApiKeyInfo":
        data = _dict(data)
        return cls(
            id=_str(data, "id"),
            name=_str(data, "name"),
            mode=_str(data, "mode"),
            display_prefix=_str(data, "displayPrefix"),
            created_at=_time(data, "createdAt"),
            last_used_at=_time(data, "lastUsedAt"),
            revoked_at=_time(data, "revokedAt"),
            raw=data,
        )

    @staticmethod
    def list_from(data: Any) -> "List[ApiKeyInfo]":
        items = _dict(data).get("data")
        return [ApiKeyInfo.from_dict(item) for item in as_list(items)]


# -- stamps, passkeys, sessions -----------------------------------------------------------------


@dataclass(frozen=True)
class Stamp:
    """``POST /api/poy/stamps`` (201). Keep it with the content: together with the content (or its
    hash) and its content type it can be verified offline, see :func:`poyverify.verify_stamp_offline`.
    ``raw["createdAt"]`` is the exact signed timestamp string."""

    stamp_id: str
    signature: str
    created_by: str
    created_at: Optional[datetime]
    key_id: str
    format: str
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_dict(cls, data: Any) -> "Stamp":
        data = _dict(data)
        return cls(
            stamp_id=_str(data, "stampId"),
            signature=_str(data, "signature"),
            created_by=_str(data, "createdBy"),
            created_at=_time(data, "createdAt"),
            key_id=_str(data, "keyId"),
            format=_str(data, "format"),
            raw=data,
        )


@dataclass(frozen=True)
class StampVerification:
    """``POST /api/poy/stamps/verify``. ``valid`` = the signature verifies and (when you sent a
    ``content_hash``) covers that hash; ``is_human_creator`` = the creator is *today* a verified human."""

    valid: bool
    created_by: str
    content_type: str
    stamped_at: Optional[datetime]
    is_human_creator: bool
    key_id: Optional[str] = None
    format: Optional[str] = None
    signature_valid: Optional[bool] = None
    content_hash_matches: Optional[bool] = None
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_dict(cls, data: Any) -> "StampVerification":
        data = _dict(data)
        return cls(
            valid=_bool(data, "valid"),
            created_by=_str(data, "createdBy"),
            content_type=_str(data, "contentType"),
            stamped_at=_time(data, "stampedAt"),
            is_human_creator=_bool(data, "isHumanCreator"),
            key_id=_opt_str(data, "keyId"),
            format=_opt_str(data, "format"),
            signature_valid=_opt_bool(data, "signatureValid"),
            content_hash_matches=_opt_bool(data, "contentHashMatches"),
            raw=data,
        )


@dataclass(frozen=True)
class PasskeyOptions:
    """WebAuthn options (creation or request) to hand to the browser as they are: send
    :meth:`to_dict` to your page and pass it to ``navigator.credentials`` (or
    ``@simplewebauthn/browser``)."""

    challenge: str
    timeout: Optional[int]
    raw: Dict[str, Any] = _raw()

    def to_dict(self) -> Dict[str, Any]:
        """A deep copy of the options JSON, ready to send to the browser."""
        return copy.deepcopy(self.raw)

    @classmethod
    def from_dict(cls, data: Any) -> "PasskeyOptions":
        data = _dict(data)
        return cls(challenge=_str(data, "challenge"), timeout=_opt_int(data, "timeout"), raw=data)


@dataclass(frozen=True)
class PasskeyRegistration:
    """``POST /api/poy/passkeys/register/verify``."""

    verified: bool
    credential_id: str
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_dict(cls, data: Any) -> "PasskeyRegistration":
        data = _dict(data)
        return cls(verified=_bool(data, "verified"), credential_id=_str(data, "credentialId"), raw=data)


@dataclass(frozen=True)
class PasskeyAuthentication:
    """``POST /api/poy/passkeys/authenticate``: a signed ``poy_sess_...`` session token."""

    authenticated: bool
    session_token: str
    expires_at: Optional[datetime]
    user_id: str
    credential_id: Optional[str] = None
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_dict(cls, data: Any) -> "PasskeyAuthentication":
        data = _dict(data)
        return cls(
            authenticated=_bool(data, "authenticated"),
            session_token=_str(data, "sessionToken"),
            expires_at=_time(data, "expiresAt"),
            user_id=_str(data, "userId"),
            credential_id=_opt_str(data, "credentialId"),
            raw=data,
        )


@dataclass(frozen=True)
class SessionVerification:
    """``POST /api/poy/sessions/verify``. Branch on ``valid``; when false, ``reason`` is one of
    ``malformed``, ``unknown_key``, ``invalid_signature``, ``expired``, ``wrong_issuer``,
    ``wrong_audience``."""

    valid: bool
    user_id: Optional[str] = None
    expires_at: Optional[datetime] = None
    credential_id: Optional[str] = None
    issued_at: Optional[datetime] = None
    reason: Optional[str] = None
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_dict(cls, data: Any) -> "SessionVerification":
        data = _dict(data)
        return cls(
            valid=_bool(data, "valid"),
            user_id=_opt_str(data, "userId"),
            expires_at=_time(data, "expiresAt"),
            credential_id=_opt_str(data, "credentialId"),
            issued_at=_time(data, "issuedAt"),
            reason=_opt_str(data, "reason"),
            raw=data,
        )


# -- POY webhooks --------------------------------------------------------------------------------


@dataclass(frozen=True)
class WebhookEndpoint:
    """A POY webhook endpoint. ``secret`` is present only in the answer of ``webhooks.create``."""

    id: str
    url: str
    events: List[str]
    enabled: bool
    disabled_reason: Optional[str] = None
    failing_since: Optional[datetime] = None
    created_at: Optional[datetime] = None
    updated_at: Optional[datetime] = None
    secret: Optional[str] = field(default=None, repr=False)
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_dict(cls, data: Any) -> "WebhookEndpoint":
        data = _dict(data)
        return cls(
            id=_str(data, "id"),
            url=_str(data, "url"),
            events=_str_list(data, "events"),
            enabled=_bool(data, "enabled", True),
            disabled_reason=_opt_str(data, "disabledReason"),
            failing_since=_time(data, "failingSince"),
            created_at=_time(data, "createdAt"),
            updated_at=_time(data, "updatedAt"),
            secret=_opt_str(data, "secret"),
            raw=data,
        )

    @staticmethod
    def list_from(data: Any) -> "List[WebhookEndpoint]":
        items = _dict(data).get("data")
        return [WebhookEndpoint.from_dict(item) for item in as_list(items)]


@dataclass(frozen=True)
class WebhookSecretRotation:
    """``POST /api/poy/webhooks/{id}/rotate-secret``: the new secret; the previous one keeps signing
    alongside it until ``previous_secret_expires_at``."""

    id: str
    secret: str = field(repr=False)
    previous_secret_expires_at: Optional[datetime] = None
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_dict(cls, data: Any) -> "WebhookSecretRotation":
        data = _dict(data)
        return cls(
            id=_str(data, "id"),
            secret=_str(data, "secret"),
            previous_secret_expires_at=_time(data, "previousSecretExpiresAt"),
            raw=data,
        )


@dataclass(frozen=True)
class WebhookDeletion:
    id: str
    deleted: bool
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_dict(cls, data: Any) -> "WebhookDeletion":
        data = _dict(data)
        return cls(id=_str(data, "id"), deleted=_bool(data, "deleted"), raw=data)


@dataclass(frozen=True)
class DeliveryAttempt:
    attempt_number: int
    attempted_at: Optional[datetime]
    status_code: Optional[int]
    duration_ms: int
    error: Optional[str]
    response_excerpt: Optional[str]
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_dict(cls, data: Any) -> "DeliveryAttempt":
        data = _dict(data)
        return cls(
            attempt_number=_int(data, "attemptNumber"),
            attempted_at=_time(data, "attemptedAt"),
            status_code=_opt_int(data, "statusCode"),
            duration_ms=_int(data, "durationMs"),
            error=_opt_str(data, "error"),
            response_excerpt=_opt_str(data, "responseExcerpt"),
            raw=data,
        )


@dataclass(frozen=True)
class WebhookDelivery:
    """One delivery of one event to one endpoint. ``id`` is also its ``webhook-id`` header.
    ``status`` is ``pending``, ``succeeded`` or ``failed``."""

    id: str
    event_type: str
    status: str
    attempt_count: int
    next_attempt_at: Optional[datetime]
    last_attempt_at: Optional[datetime]
    created_at: Optional[datetime]
    completed_at: Optional[datetime]
    attempts: List[DeliveryAttempt]
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_dict(cls, data: Any) -> "WebhookDelivery":
        data = _dict(data)
        attempts = data.get("attempts")
        return cls(
            id=_str(data, "id"),
            event_type=_str(data, "eventType"),
            status=_str(data, "status"),
            attempt_count=_int(data, "attemptCount"),
            next_attempt_at=_time(data, "nextAttemptAt"),
            last_attempt_at=_time(data, "lastAttemptAt"),
            created_at=_time(data, "createdAt"),
            completed_at=_time(data, "completedAt"),
            attempts=[DeliveryAttempt.from_dict(a) for a in as_list(attempts)],
            raw=data,
        )


@dataclass(frozen=True)
class DeliveryPage:
    """A page of deliveries, newest first. Pass ``next_cursor`` as ``before`` for the next page."""

    data: List[WebhookDelivery]
    next_cursor: Optional[str]
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_dict(cls, data: Any) -> "DeliveryPage":
        data = _dict(data)
        items = data.get("data")
        return cls(
            data=[WebhookDelivery.from_dict(item) for item in as_list(items)],
            next_cursor=_opt_str(data, "nextCursor"),
            raw=data,
        )


@dataclass(frozen=True)
class Redelivery:
    id: str
    status: str
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_dict(cls, data: Any) -> "Redelivery":
        data = _dict(data)
        return cls(id=_str(data, "id"), status=_str(data, "status"), raw=data)


@dataclass(frozen=True)
class WebhookTestDelivery:
    delivery_id: str
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_dict(cls, data: Any) -> "WebhookTestDelivery":
        data = _dict(data)
        return cls(delivery_id=_str(data, "deliveryId"), raw=data)


# -- Connect -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConnectRegistration:
    """``POST /v1/business_connect_user/register``. Send the person to ``invite_url``."""

    invite_url: str
    user_id: str
    connection_verified: bool
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_dict(cls, data: Any) -> "ConnectRegistration":
        data = _dict(data)
        return cls(
            invite_url=_str(data, "invite_url"),
            user_id=_str(data, "user_id"),
            connection_verified=_bool(data, "connection_verified"),
            raw=data,
        )


@dataclass(frozen=True)
class SimpleDataResponse:
    """What a verified user shares: for ``GET_HUMANNESS_SCORE_AND_UNIQUE_HUMAN_ID``
    ``humanness_score``, ``unique_human_id`` and ``uniqueness_region_id``; for
    ``IS_PHONE_NUMBER_VERIFIED`` ``is_phone_number_verified``."""

    type: str
    humanness_score: Optional[int] = None
    unique_human_id: Optional[str] = None
    uniqueness_region_id: Optional[str] = None
    is_phone_number_verified: Optional[bool] = None
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_dict(cls, data: Any) -> "SimpleDataResponse":
        data = _dict(data)
        return cls(
            type=_str(data, "type"),
            humanness_score=_opt_int(data, "humanness_score"),
            unique_human_id=_opt_str(data, "unique_human_id"),
            uniqueness_region_id=_opt_str(data, "uniqueness_region_id"),
            is_phone_number_verified=_opt_bool(data, "is_phone_number_verified"),
            raw=data,
        )


@dataclass(frozen=True)
class ConnectUserStatus:
    """A Connect user's state. ``verification_status`` is ``PENDING``, ``VERIFIED``,
    ``UNFULFILLABLE``, ``REVOKED`` or ``EXPIRED``."""

    user_id: str
    reference_user_id: str
    connection_verified: bool
    verification_status: str
    unfulfillable_reason: Optional[str] = None
    simple_data_request_response: Optional[SimpleDataResponse] = None
    expires_at: Optional[datetime] = None
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_dict(cls, data: Any) -> "ConnectUserStatus":
        data = _dict(data)
        simple = data.get("simple_data_request_response")
        return cls(
            user_id=_str(data, "user_id"),
            reference_user_id=_str(data, "reference_user_id"),
            connection_verified=_bool(data, "connection_verified"),
            verification_status=_str(data, "verification_status"),
            unfulfillable_reason=_opt_str(data, "unfulfillable_reason"),
            simple_data_request_response=SimpleDataResponse.from_dict(simple) if isinstance(simple, dict) else None,
            expires_at=_time(data, "expires_at"),
            raw=data,
        )


@dataclass(frozen=True)
class ConnectDeletion:
    user_id: str
    deleted: bool
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_dict(cls, data: Any) -> "ConnectDeletion":
        data = _dict(data)
        return cls(user_id=_str(data, "user_id"), deleted=_bool(data, "deleted"), raw=data)


@dataclass(frozen=True)
class ConnectWebhook:
    """One Connect webhook destination (one per event type)."""

    webhook_type: str
    destination_url: str
    created_at: Optional[datetime]
    enabled: bool = True
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_dict(cls, data: Any) -> "ConnectWebhook":
        data = _dict(data)
        return cls(
            webhook_type=_str(data, "webhook_type"),
            destination_url=_str(data, "destination_url"),
            created_at=_time(data, "created_at"),
            enabled=_bool(data, "enabled", True),
            raw=data,
        )

    @staticmethod
    def list_from(data: Any) -> "List[ConnectWebhook]":
        items = _dict(data).get("webhooks")
        return [ConnectWebhook.from_dict(item) for item in as_list(items)]


@dataclass(frozen=True)
class ConnectWebhookConfig:
    """``create_or_edit``. ``secret`` (``whsec_...``) is present only when this call created the
    project's Connect signing secret: store it then."""

    webhook: ConnectWebhook
    secret: Optional[str] = field(default=None, repr=False)
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_dict(cls, data: Any) -> "ConnectWebhookConfig":
        data = _dict(data)
        return cls(
            webhook=ConnectWebhook.from_dict(data.get("webhook")), secret=_opt_str(data, "secret"), raw=data
        )


@dataclass(frozen=True)
class ConnectWebhookDeletion:
    webhook_type: str
    deleted: bool
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_dict(cls, data: Any) -> "ConnectWebhookDeletion":
        data = _dict(data)
        return cls(webhook_type=_str(data, "webhook_type"), deleted=_bool(data, "deleted"), raw=data)


@dataclass(frozen=True)
class ConnectSecretRotation:
    """The new Connect signing secret; the previous one keeps signing alongside it for 24 hours."""

    secret: str = field(repr=False)
    raw: Dict[str, Any] = _raw()

    @classmethod
    def from_dict(cls, data: Any) -> "ConnectSecretRotation":
        data = _dict(data)
        return cls(secret=_str(data, "secret"), raw=data)
