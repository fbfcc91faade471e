"""Every API call as a :class:`~poyverify._http.Call`: method, path, body and result type.

Both clients build their calls here, so the sync and async methods cannot drift apart. Paths and
field names follow spec/openapi.json and docs/api.md sections 4-6. Only programming errors (a missing
id) are caught here; enumerations (outcomes, event types...) are checked by the server, so values a
newer server adds keep working.
"""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional, Sequence
from urllib.parse import quote

from . import models as m
from ._http import Call
from ._json import as_dict


def _segment(value: str, name: str) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError(f"{name} must be a non-empty string")
    return quote(value, safe="")


def _require(value: Any, name: str) -> None:
    if not isinstance(value, str) or not value:
        raise ValueError(f"{name} must be a non-empty string")


def _jwks(data: Any) -> Dict[str, Any]:
    return as_dict(data) or {"keys": []}


# -- POY: humans -------------------------------------------------------------------------------


def verify(
    user_id: str,
    check_type: str = "full",
    metadata: Optional[Mapping[str, Any]] = None,
    redirect_url: Optional[str] = None,
) -> Call[m.VerifyResult]:
    _require(user_id, "user_id")
    body: Dict[str, Any] = {"userId": user_id, "checkType": check_type}
    if redirect_url is not None:
        body["redirectUrl"] = redirect_url
    if metadata is not None:
        # Accept snake_case keys for the documented fields.
        body["metadata"] = {("userAgent" if key == "user_agent" else key): value for key, value in metadata.items()}
    return Call("POST", "/api/poy/verify", m.VerifyResult.from_dict, body=body)


def check(user_id: str) -> Call[m.CheckResult]:
    _require(user_id, "user_id")
    return Call("GET", "/api/poy/check", m.CheckResult.from_dict, query={"userId": user_id})


def public_enroll(email: str, display_name: str, platform: str) -> Call[m.EnrollmentResult]:
    _require(email, "email")
    _require(display_name, "display_name")
    _require(platform, "platform")
    body = {"email": email, "displayName": display_name, "platform": platform}
    return Call("POST", "/api/poy/public-enroll", m.EnrollmentResult.from_dict, body=body, authenticated=False)


def get_profile(poy_id: str) -> Call[m.Profile]:
    path = f"/api/poy/profile/{_segment(poy_id, 'poy_id')}"
    return Call("GET", path, m.Profile.from_dict, authenticated=False)


def get_trust(user_id: str) -> Call[m.TrustResult]:
    return Call("GET", f"/api/poy/trust/{_segment(user_id, 'user_id')}", m.TrustResult.from_dict)


def sandbox_outcome(user_id: str, outcome: str) -> Call[m.VerifyResult]:
    _require(user_id, "user_id")
    body = {"userId": user_id, "outcome": outcome}
    return Call("POST", "/api/poy/sandbox/outcome", m.VerifyResult.from_dict, body=body)


def get_project() -> Call[m.Project]:
    return Call("GET", "/api/poy/project", m.Project.from_dict)


def list_keys() -> Call[List[m.ApiKeyInfo]]:
    return Call("GET", "/api/poy/keys", m.ApiKeyInfo.list_from)


def get_jwks() -> Call[Dict[str, Any]]:
    return Call("GET", "/.well-known/jwks.json", _jwks, authenticated=False)


# -- stamps ----------------------------------------------------------------------------------------


def create_stamp(
    user_id: str,
    content_hash: str,
    content_type: str,
    title: Optional[str] = None,
    url: Optional[str] = None,
    idempotency_key: Optional[str] = None,
) -> Call[m.Stamp]:
    _require(user_id, "user_id")
    _require(content_hash, "content_hash")
    _require(content_type, "content_type")
    body: Dict[str, Any] = {"userId": user_id, "contentHash": content_hash, "contentType": content_type}
    if title is not None:
        body["title"] = title
    if url is not None:
        body["url"] = url
    return Call("POST", "/api/poy/stamps", m.Stamp.from_dict, body=body, idempotency_key=idempotency_key)


def verify_stamp(stamp_id: str, content_hash: Optional[str] = None) -> Call[m.StampVerification]:
    _require(stamp_id, "stamp_id")
    body: Dict[str, Any] = {"stampId": stamp_id}
    if content_hash is not None:
        body["contentHash"] = content_hash
    return Call("POST", "/api/poy/stamps/verify", m.StampVerification.from_dict, body=body)


# -- passkeys and sessions ---------------------------------------------------------------------------


def passkey_register_options(user_id: str, display_name: str) -> Call[m.PasskeyOptions]:
    _require(user_id, "user_id")
    _require(display_name, "display_name")
    body = {"userId": user_id, "displayName": display_name}
    return Call("POST", "/api/poy/passkeys/register", m.PasskeyOptions.from_dict, body=body)


def passkey_register_verify(user_id: str, credential: Mapping[str, Any]) -> Call[m.PasskeyRegistration]:
    _require(user_id, "user_id")
    if not isinstance(credential, Mapping):
        raise ValueError("credential must be the RegistrationResponseJSON object from the browser")
    body = {"userId": user_id, "credential": dict(credential)}
    return Call("POST", "/api/poy/passkeys/register/verify", m.PasskeyRegistration.from_dict, body=body)


def passkey_authenticate_options(user_id: Optional[str] = None) -> Call[m.PasskeyOptions]:
    body: Dict[str, Any] = {}
    if user_id is not None:
        _require(user_id, "user_id")
        body["userId"] = user_id
    return Call("POST", "/api/poy/passkeys/authenticate/options", m.PasskeyOptions.from_dict, body=body)


def passkey_authenticate(
    credential_id: str,
    authenticator_data: str,
    client_data_json: str,
    signature: str,
    user_handle: Optional[str] = None,
) -> Call[m.PasskeyAuthentication]:
    _require(credential_id, "credential_id")
    _require(authenticator_data, "authenticator_data")
    _require(client_data_json, "client_data_json")
    _require(signature, "signature")
    body: Dict[str, Any] = {
        "credentialId": credential_id,
        "authenticatorData": authenticator_data,
        "clientDataJSON": client_data_json,
        "signature": signature,
    }
    if user_handle is not None:
        body["userHandle"] = user_handle
    return Call("POST", "/api/poy/passkeys/authenticate", m.PasskeyAuthentication.from_dict, body=body)


def verify_session(session_token: str) -> Call[m.SessionVerification]:
    _require(session_token, "session_token")
    body = {"sessionToken": session_token}
    return Call("POST", "/api/poy/sessions/verify", m.SessionVerification.from_dict, body=body)


# -- POY webhooks ------------------------------------------------------------------------------------


def _events(events: Optional[Sequence[str]]) -> List[str]:
    if isinstance(events, str) or events is None:
        raise ValueError("events must be a list of event types")
    return list(events)


def create_webhook(
    url: str, events: Optional[Sequence[str]] = None, idempotency_key: Optional[str] = None
) -> Call[m.WebhookEndpoint]:
    _require(url, "url")
    body: Dict[str, Any] = {"url": url}
    if events is not None:
        body["events"] = _events(events)
    return Call("POST", "/api/poy/webhooks", m.WebhookEndpoint.from_dict, body=body, idempotency_key=idempotency_key)


def list_webhooks() -> Call[List[m.WebhookEndpoint]]:
    return Call("GET", "/api/poy/webhooks", m.WebhookEndpoint.list_from)


def get_webhook(endpoint_id: str) -> Call[m.WebhookEndpoint]:
    return Call("GET", f"/api/poy/webhooks/{_segment(endpoint_id, 'endpoint_id')}", m.WebhookEndpoint.from_dict)


def update_webhook(
    endpoint_id: str,
    url: Optional[str] = None,
    events: Optional[Sequence[str]] = None,
    enabled: Optional[bool] = None,
) -> Call[m.WebhookEndpoint]:
    body: Dict[str, Any] = {}
    if url is not None:
        body["url"] = url
    if events is not None:
        body["events"] = _events(events)
    if enabled is not None:
        body["enabled"] = bool(enabled)
    if not body:
        raise ValueError("pass at least one of url, events, enabled")
    path = f"/api/poy/webhooks/{_segment(endpoint_id, 'endpoint_id')}"
    return Call("PATCH", path, m.WebhookEndpoint.from_dict, body=body)


def delete_webhook(endpoint_id: str) -> Call[m.WebhookDeletion]:
    path = f"/api/poy/webhooks/{_segment(endpoint_id, 'endpoint_id')}"
    return Call("DELETE", path, m.WebhookDeletion.from_dict)


def rotate_webhook_secret(endpoint_id: str) -> Call[m.WebhookSecretRotation]:
    path = f"/api/poy/webhooks/{_segment(endpoint_id, 'endpoint_id')}/rotate-secret"
    return Call("POST", path, m.WebhookSecretRotation.from_dict)


def list_webhook_deliveries(
    endpoint_id: str, limit: Optional[int] = None, before: Optional[str] = None
) -> Call[m.DeliveryPage]:
    query: Dict[str, str] = {}
    if limit is not None:
        if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= 100:
            raise ValueError("limit must be an integer from 1 to 100")
        query["limit"] = str(limit)
    if before is not None:
        query["before"] = before
    path = f"/api/poy/webhooks/{_segment(endpoint_id, 'endpoint_id')}/deliveries"
    return Call("GET", path, m.DeliveryPage.from_dict, query=query or None)


def redeliver_webhook(endpoint_id: str, delivery_id: str) -> Call[m.Redelivery]:
    path = (
        f"/api/poy/webhooks/{_segment(endpoint_id, 'endpoint_id')}"
        f"/deliveries/{_segment(delivery_id, 'delivery_id')}/redeliver"
    )
    return Call("POST", path, m.Redelivery.from_dict)


def test_webhook(endpoint_id: str) -> Call[m.WebhookTestDelivery]:
    path = f"/api/poy/webhooks/{_segment(endpoint_id, 'endpoint_id')}/test"
    return Call("POST", path, m.WebhookTestDelivery.from_dict)


# -- Connect -----------------------------------------------------------------------------------------


def _connect_user(reference_user_id: Optional[str], user_id: Optional[str]) -> Dict[str, Any]:
    if reference_user_id is None and user_id is None:
        raise ValueError("pass reference_user_id (your id) or user_id (the bcu_... id)")
    body: Dict[str, Any] = {}
    if reference_user_id is not None:
        _require(reference_user_id, "reference_user_id")
        body["reference_user_id"] = reference_user_id
    if user_id is not None:
        _require(user_id, "user_id")
        body["user_id"] = user_id
    return body


def connect_register(
    reference_user_id: str,
    redirect_url: Optional[str] = None,
    data_request_type: Optional[str] = None,
    uniqueness_region_id: Optional[str] = None,
) -> Call[m.ConnectRegistration]:
    _require(reference_user_id, "reference_user_id")
    body: Dict[str, Any] = {"reference_user_id": reference_user_id}
    if redirect_url is not None:
        body["redirect_url"] = redirect_url
    if data_request_type is not None:
        body["data_request"] = {"type": data_request_type}
    if uniqueness_region_id is not None:
        body["uniqueness_region_id"] = uniqueness_region_id
    return Call("POST", "/v1/business_connect_user/register", m.ConnectRegistration.from_dict, body=body)


def connect_get_status(reference_user_id: Optional[str] = None, user_id: Optional[str] = None) -> Call[m.ConnectUserStatus]:
    body = _connect_user(reference_user_id, user_id)
    return Call("POST", "/v1/business_connect_user/get_status", m.ConnectUserStatus.from_dict, body=body)


def connect_revoke(reference_user_id: Optional[str] = None, user_id: Optional[str] = None) -> Call[m.ConnectUserStatus]:
    body = _connect_user(reference_user_id, user_id)
    return Call("POST", "/v1/business_connect_user/revoke", m.ConnectUserStatus.from_dict, body=body)


def connect_delete(reference_user_id: Optional[str] = None, user_id: Optional[str] = None) -> Call[m.ConnectDeletion]:
    body = _connect_user(reference_user_id, user_id)
    return Call("POST", "/v1/business_connect_user/delete", m.ConnectDeletion.from_dict, body=body)


def connect_sandbox_outcome(
    reference_user_id: Optional[str], outcome: str, user_id: Optional[str] = None
) -> Call[m.ConnectUserStatus]:
    _require(outcome, "outcome")
    body = _connect_user(reference_user_id, user_id)
    body["outcome"] = outcome
    return Call("POST", "/v1/sandbox/outcome", m.ConnectUserStatus.from_dict, body=body)


def connect_webhook_create_or_edit(webhook_type: str, destination_url: str) -> Call[m.ConnectWebhookConfig]:
    _require(webhook_type, "webhook_type")
    _require(destination_url, "destination_url")
    body = {"webhook_type": webhook_type, "destination_url": destination_url}
    return Call("POST", "/v1/webhook/admin/config/create_or_edit", m.ConnectWebhookConfig.from_dict, body=body)


def connect_webhook_get() -> Call[List[m.ConnectWebhook]]:
    return Call("POST", "/v1/webhook/admin/config/get", m.ConnectWebhook.list_from)


def connect_webhook_delete(webhook_type: str) -> Call[m.ConnectWebhookDeletion]:
    _require(webhook_type, "webhook_type")
    body = {"webhook_type": webhook_type}
    return Call("POST", "/v1/webhook/admin/config/delete", m.ConnectWebhookDeletion.from_dict, body=body)


def connect_webhook_rotate_secret() -> Call[m.ConnectSecretRotation]:
    return Call("POST", "/v1/webhook/admin/config/rotate_secret", m.ConnectSecretRotation.from_dict)
