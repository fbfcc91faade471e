"""poyverify: the Python SDK for POY ("Proof of You") human verification.

Quick start (as in the POY developer documentation)::

    from poyverify import POYVerify
    poy = POYVerify(api_key="your-api-key")
    result = poy.verify(user_id)
    if result.is_human:
        ...  # trusted user

Standard library only; Python 3.8+. See README.md for every call.
"""

from ._http import VERSION as __version__
from .async_client import AsyncPOYVerify
from .client import POYVerify
from .errors import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthenticationError,
    ConflictError,
    InvalidRequestError,
    NotFoundError,
    PermissionDeniedError,
    POYError,
    RateLimitError,
)
from .models import (
    ApiKeyInfo,
    Checks,
    CheckResult,
    ConnectDeletion,
    ConnectRegistration,
    ConnectSecretRotation,
    ConnectUserStatus,
    ConnectWebhook,
    ConnectWebhookConfig,
    ConnectWebhookDeletion,
    DeliveryAttempt,
    DeliveryPage,
    EnrollmentResult,
    PasskeyAuthentication,
    PasskeyOptions,
    PasskeyRegistration,
    Profile,
    Project,
    Redelivery,
    SessionVerification,
    SimpleDataResponse,
    Stamp,
    StampVerification,
    TrustFactors,
    TrustResult,
    VerifyResult,
    WebhookDeletion,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookSecretRotation,
    WebhookTestDelivery,
)
from .redirects import (
    REDIRECT_RESULT_PARAMETER,
    RedirectResultCheck,
    RedirectResultClaims,
    verify_redirect_result,
)
from .sessions import SessionClaims, SessionTokenCheck, verify_session_token_offline
from .stamps import OfflineStampCheck, content_hash, stamp_signed_bytes, verify_stamp_offline
from .webhooks import (
    WebhookVerificationError,
    parse_event,
    verify_connect_signature,
    verify_poy_signature,
    verify_standard_webhook,
    verify_webhook,
)

__all__ = [
    "__version__",
    "POYVerify",
    "AsyncPOYVerify",
    # errors
    "POYError",
    "InvalidRequestError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "ConflictError",
    "RateLimitError",
    "APIError",
    "APIConnectionError",
    "APITimeoutError",
    # results
    "ApiKeyInfo",
    "Checks",
    "CheckResult",
    "ConnectDeletion",
    "ConnectRegistration",
    "ConnectSecretRotation",
    "ConnectUserStatus",
    "ConnectWebhook",
    "ConnectWebhookConfig",
    "ConnectWebhookDeletion",
    "DeliveryAttempt",
    "DeliveryPage",
    "EnrollmentResult",
    "PasskeyAuthentication",
    "PasskeyOptions",
    "PasskeyRegistration",
    "Profile",
    "Project",
    "Redelivery",
    "SessionVerification",
    "SimpleDataResponse",
    "Stamp",
    "StampVerification",
    "TrustFactors",
    "TrustResult",
    "VerifyResult",
    "WebhookDeletion",
    "WebhookDelivery",
    "WebhookEndpoint",
    "WebhookSecretRotation",
    "WebhookTestDelivery",
    # offline checks
    "OfflineStampCheck",
    "content_hash",
    "stamp_signed_bytes",
    "verify_stamp_offline",
    "SessionClaims",
    "SessionTokenCheck",
    "verify_session_token_offline",
    "REDIRECT_RESULT_PARAMETER",
    "RedirectResultClaims",
    "RedirectResultCheck",
    "verify_redirect_result",
    # webhooks
    "verify_poy_signature",
    "verify_connect_signature",
    "verify_standard_webhook",
    "verify_webhook",
    "parse_event",
    "WebhookVerificationError",
]
