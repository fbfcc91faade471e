"""The synchronous client, :class:`POYVerify`.

>>> from poyverify import POYVerify
>>> poy = POYVerify(api_key="your-api-key")
>>> result = poy.verify(user_id)           # doctest: +SKIP
>>> if result.is_human:                    # doctest: +SKIP
...     pass  # trusted user
"""

from __future__ import annotations

import time
from typing import Any, Callable, Dict, List, Mapping, Optional, Protocol, Sequence, TypeVar, Union

from . import _calls as calls
from . import models as m
from ._http import DEFAULT_MAX_RETRIES, DEFAULT_MAX_RETRY_DELAY, DEFAULT_TIMEOUT, Call, Transport
from .redirects import RedirectResultCheck, verify_redirect_result
from .sessions import SessionTokenCheck, verify_session_token_offline
from .stamps import OfflineStampCheck, verify_stamp_offline

__all__ = ["POYVerify"]

T = TypeVar("T")
JWKS_CACHE_SECONDS = 300.0  # the server's Cache-Control: public, max-age=300
Content = Union[bytes, bytearray, memoryview, str]


class JwksCache:
    def __init__(self) -> None:
        self.value: Optional[Dict[str, Any]] = None
        self.fetched_at = 0.0

    def fresh(self) -> Optional[Dict[str, Any]]:
        if self.value is not None and time.monotonic() - self.fetched_at < JWKS_CACHE_SECONDS:
            return self.value
        return None

    def store(self, value: Dict[str, Any]) -> Dict[str, Any]:
        self.value = value
        self.fetched_at = time.monotonic()
        return value


class _ClientCore:
    """What both clients share: the transport (configuration, retries) and the JWKS cache."""

    def __init__(
        self,
        api_key: Optional[str] = None,
        base_url: Optional[str] = None,
        timeout: float = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        *,
        max_retry_delay: float = DEFAULT_MAX_RETRY_DELAY,
    ) -> None:
        self._transport = Transport(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            max_retry_delay=max_retry_delay,
        )
        self._jwks = JwksCache()

    @property
    def base_url(self) -> str:
        return self._transport.base_url

    @property
    def timeout(self) -> float:
        return self._transport.timeout

    @property
    def max_retries(self) -> int:
        return self._transport.max_retries


class POYVerify(_ClientCore):
    """A client for one POY deployment and one API key.

    Args:
        api_key: a ``poy_live_...`` or ``poy_test_...`` key (default: the ``POY_API_KEY`` variable).
            ``public_enroll``, ``get_profile`` and ``get_jwks`` need none.
        base_url: the deployment's address (default: ``POY_BASE_URL``, else ``http://localhost:8080``).
            A trailing ``/api/poy`` is ignored.
        timeout: seconds to wait for each HTTP answer.
        max_retries: retries after the first attempt, for connection errors, timeouts, 408, 429 and
            5xx. Every call is retry-safe: GETs by nature, the rest through an ``Idempotency-Key``
            (one per call, the same on its retries). ``0`` disables retries.
        max_retry_delay: the longest ``Retry-After`` the client will wait out; a longer one raises
            :class:`~poyverify.RateLimitError` at once.

    Resources: :attr:`stamps`, :attr:`passkeys`, :attr:`sessions`, :attr:`webhooks`,
    :attr:`connect` (with :attr:`connect.webhooks <Connect.webhooks>`).
    """

    def __init__(
        self,
        api_key: Optional[str] = None,
        base_url: Optional[str] = None,
        timeout: float = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        *,
        max_retry_delay: float = DEFAULT_MAX_RETRY_DELAY,
    ) -> None:
        super().__init__(api_key, base_url, timeout, max_retries, max_retry_delay=max_retry_delay)
        self.stamps = Stamps(self._request, self.get_jwks)
        self.passkeys = Passkeys(self._request, self.get_jwks)
        self.sessions = Sessions(self._request, self.get_jwks)
        self.webhooks = Webhooks(self._request, self.get_jwks)
        self.connect = Connect(self._request, self.get_jwks)

    def __repr__(self) -> str:
        return f"POYVerify(base_url={self.base_url!r})"

    def __enter__(self) -> "POYVerify":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Nothing to release (each request opens its own connection); kept for ``with`` blocks."""

    def _request(self, call: Call[T]) -> T:
        return self._transport.request(call)

    # -- POY: humans -----------------------------------------------------------------------------

    def verify(
        self,
        user_id: str,
        check_type: str = "full",
        metadata: Optional[Mapping[str, Any]] = None,
        *,
        redirect_url: Optional[str] = None,
    ) -> m.VerifyResult:
        """``POST /api/poy/verify``: is this user (your id for them) a verified human?

        ``check_type`` is ``"full"`` or ``"quick"``; ``metadata`` may carry ``ip`` and ``userAgent``
        (or ``user_agent``). A user who is not a verified human yet gets ``is_human=False`` and an
        ``enrollment_url`` to send them through verification; ``redirect_url`` is where that flow
        sends them at the end, with a signed ``poy_result`` (:meth:`verify_redirect_result`).
        """
        return self._request(calls.verify(user_id, check_type, metadata, redirect_url))

    def verify_redirect_result(
        self,
        token: Optional[str],
        project_id: str,
        *,
        issuer: Optional[str] = None,
        mode: Optional[str] = None,
        clock_tolerance_seconds: int = 0,
    ) -> RedirectResultCheck:
        """:func:`poyverify.verify_redirect_result` with this deployment's JWKS (cached; fetched again
        once for an unknown key)."""

        def check(jwks: Dict[str, Any]) -> RedirectResultCheck:
            return verify_redirect_result(
                token, jwks, project_id, issuer=issuer, mode=mode, clock_tolerance_seconds=clock_tolerance_seconds
            )

        result = check(self.get_jwks(False))
        if result.reason == "unknown_key":
            result = check(self.get_jwks(True))
        return result

    def check(self, user_id: str) -> m.CheckResult:
        """``GET /api/poy/check``: the quick boolean (served from memory; for real-time gating)."""
        return self._request(calls.check(user_id))

    def public_enroll(self, email: str, display_name: str, platform: str) -> m.EnrollmentResult:
        """``POST /api/poy/public-enroll`` (no key; 10 a minute per IP). ``platform`` is your
        project's public id (``get_project().public_id``)."""
        return self._request(calls.public_enroll(email, display_name, platform))

    def get_profile(self, poy_id: str) -> m.Profile:
        """``GET /api/poy/profile/{poyId}`` (no key): ``"PoY #00482A1"`` or ``"00482A1"``."""
        return self._request(calls.get_profile(poy_id))

    def get_trust(self, user_id: str) -> m.TrustResult:
        """``GET /api/poy/trust/{userId}``: score 0-100, level and factors (404 for an unknown user)."""
        return self._request(calls.get_trust(user_id))

    def sandbox_outcome(self, user_id: str, outcome: str) -> m.VerifyResult:
        """``POST /api/poy/sandbox/outcome`` (test keys only): force ``verified``, ``failed``,
        ``duplicate`` or ``expired`` for the user's pending verification, for your CI."""
        return self._request(calls.sandbox_outcome(user_id, outcome))

    def get_project(self) -> m.Project:
        """``GET /api/poy/project``: the project this key belongs to."""
        return self._request(calls.get_project())

    def list_keys(self) -> List[m.ApiKeyInfo]:
        """``GET /api/poy/keys``: the project's keys in this key's mode (prefixes only)."""
        return self._request(calls.list_keys())

    def get_jwks(self, refresh: bool = False) -> Dict[str, Any]:
        """``GET /.well-known/jwks.json``: the public keys for offline checks, cached 5 minutes."""
        cached = None if refresh else self._jwks.fresh()
        if cached is not None:
            return cached
        return self._jwks.store(self._request(calls.get_jwks()))


class _Requester(Protocol):
    def __call__(self, call: Call[T]) -> T: ...


class _Resource:
    def __init__(self, request: _Requester, get_jwks: Callable[[bool], Dict[str, Any]]) -> None:
        self._request = request
        self._get_jwks = get_jwks


class Stamps(_Resource):
    """Content stamps: ``client.stamps``."""

    def create(
        self,
        user_id: str,
        content_hash: str,
        content_type: str,
        title: Optional[str] = None,
        url: Optional[str] = None,
        *,
        idempotency_key: Optional[str] = None,
    ) -> m.Stamp:
        """``POST /api/poy/stamps``: stamp content as made by ``user_id``, who must be a verified human
        of this project. ``content_hash`` is ``sha256:<hex>`` (see :func:`poyverify.content_hash`)."""
        return self._request(calls.create_stamp(user_id, content_hash, content_type, title, url, idempotency_key))

    def verify(self, stamp_id: str, content_hash: Optional[str] = None) -> m.StampVerification:
        """``POST /api/poy/stamps/verify``: signature, content hash (when given) and whether the creator
        is still a verified human."""
        return self._request(calls.verify_stamp(stamp_id, content_hash))

    def verify_offline(
        self,
        stamp: Union[m.Stamp, Mapping[str, Any]],
        *,
        content: Optional[Content] = None,
        content_hash: Optional[str] = None,
        content_type: Optional[str] = None,
        allow_test: bool = False,
    ) -> OfflineStampCheck:
        """:func:`poyverify.verify_stamp_offline` with this deployment's JWKS (cached; fetched again
        once when the stamp names a key the cache lacks)."""
        def check(jwks: Dict[str, Any]) -> OfflineStampCheck:
            return verify_stamp_offline(
                stamp, jwks, content=content, content_hash=content_hash, content_type=content_type, allow_test=allow_test
            )

        result = check(self._get_jwks(False))
        if result.reason == "unknown_key":
            result = check(self._get_jwks(True))
        return result


class Passkeys(_Resource):
    """Passkeys for your own users: ``client.passkeys``. Your backend calls these and relays the
    options and the browser's answers."""

    def register_options(self, user_id: str, display_name: str) -> m.PasskeyOptions:
        """``POST /api/poy/passkeys/register``: creation options for ``navigator.credentials.create``."""
        return self._request(calls.passkey_register_options(user_id, display_name))

    def register_verify(self, user_id: str, credential: Mapping[str, Any]) -> m.PasskeyRegistration:
        """``POST /api/poy/passkeys/register/verify``: ``credential`` is the browser's
        RegistrationResponseJSON (base64url fields)."""
        return self._request(calls.passkey_register_verify(user_id, credential))

    def authenticate_options(self, user_id: Optional[str] = None) -> m.PasskeyOptions:
        """``POST /api/poy/passkeys/authenticate/options``: request options (the user's passkeys when
        ``user_id`` is given, a discoverable sign-in otherwise)."""
        return self._request(calls.passkey_authenticate_options(user_id))

    def authenticate(
        self,
        credential_id: str,
        authenticator_data: str,
        client_data_json: str,
        signature: str,
        user_handle: Optional[str] = None,
    ) -> m.PasskeyAuthentication:
        """``POST /api/poy/passkeys/authenticate`` (base64url fields of the browser's assertion): a
        ``poy_sess_...`` session token. A failed sign-in raises :class:`~poyverify.AuthenticationError`."""
        return self._request(
            calls.passkey_authenticate(credential_id, authenticator_data, client_data_json, signature, user_handle)
        )


class Sessions(_Resource):
    """Session tokens from passkey sign-in: ``client.sessions``."""

    def verify(self, session_token: str) -> m.SessionVerification:
        """``POST /api/poy/sessions/verify``: always answers; branch on ``.valid`` (and ``.reason``)."""
        return self._request(calls.verify_session(session_token))

    def verify_offline(
        self,
        session_token: str,
        audience: Optional[str] = None,
        issuer: Optional[str] = None,
        *,
        project_id: Optional[str] = None,
        mode: Optional[str] = None,
    ) -> SessionTokenCheck:
        """:func:`poyverify.verify_session_token_offline` with this deployment's JWKS (cached; fetched
        again once for an unknown key)."""
        def check(jwks: Dict[str, Any]) -> SessionTokenCheck:
            return verify_session_token_offline(
                session_token, jwks, audience, issuer, project_id=project_id, mode=mode
            )

        result = check(self._get_jwks(False))
        if result.reason == "unknown_key":
            result = check(self._get_jwks(True))
        return result


class Webhooks(_Resource):
    """POY webhook endpoints: ``client.webhooks``."""

    def create(
        self, url: str, events: Optional[Sequence[str]] = None, *, idempotency_key: Optional[str] = None
    ) -> m.WebhookEndpoint:
        """``POST /api/poy/webhooks``: every event when ``events`` is omitted. The answer's ``secret``
        is shown only here: store it."""
        return self._request(calls.create_webhook(url, events, idempotency_key))

    def list(self) -> List[m.WebhookEndpoint]:
        """``GET /api/poy/webhooks`` (no secrets)."""
        return self._request(calls.list_webhooks())

    def get(self, endpoint_id: str) -> m.WebhookEndpoint:
        """``GET /api/poy/webhooks/{id}``."""
        return self._request(calls.get_webhook(endpoint_id))

    def update(
        self,
        endpoint_id: str,
        url: Optional[str] = None,
        events: Optional[Sequence[str]] = None,
        enabled: Optional[bool] = None,
    ) -> m.WebhookEndpoint:
        """``PATCH /api/poy/webhooks/{id}``: change the URL or events, or pause (``enabled=False``)."""
        return self._request(calls.update_webhook(endpoint_id, url, events, enabled))

    def delete(self, endpoint_id: str) -> m.WebhookDeletion:
        """``DELETE /api/poy/webhooks/{id}`` (and its delivery log)."""
        return self._request(calls.delete_webhook(endpoint_id))

    def rotate_secret(self, endpoint_id: str) -> m.WebhookSecretRotation:
        """``POST /api/poy/webhooks/{id}/rotate-secret``: the old secret keeps signing for 24 hours."""
        return self._request(calls.rotate_webhook_secret(endpoint_id))

    def list_deliveries(
        self, endpoint_id: str, limit: Optional[int] = None, before: Optional[str] = None
    ) -> m.DeliveryPage:
        """``GET /api/poy/webhooks/{id}/deliveries``: newest first, with every attempt."""
        return self._request(calls.list_webhook_deliveries(endpoint_id, limit, before))

    def redeliver(self, endpoint_id: str, delivery_id: str) -> m.Redelivery:
        """``POST /api/poy/webhooks/{id}/deliveries/{deliveryId}/redeliver``: same webhook-id, same body."""
        return self._request(calls.redeliver_webhook(endpoint_id, delivery_id))

    def test(self, endpoint_id: str) -> m.WebhookTestDelivery:
        """``POST /api/poy/webhooks/{id}/test``: a ``webhook.test`` event to this endpoint only."""
        return self._request(calls.test_webhook(endpoint_id))


class ConnectWebhooks(_Resource):
    """Connect webhook destinations (one per event type): ``client.connect.webhooks``."""

    def create_or_edit(self, webhook_type: str, destination_url: str) -> m.ConnectWebhookConfig:
        """``POST /v1/webhook/admin/config/create_or_edit``. The first call also returns the project's
        Connect signing secret (``.secret``): store it."""
        return self._request(calls.connect_webhook_create_or_edit(webhook_type, destination_url))

    def get(self) -> List[m.ConnectWebhook]:
        """``POST /v1/webhook/admin/config/get``."""
        return self._request(calls.connect_webhook_get())

    def delete(self, webhook_type: str) -> m.ConnectWebhookDeletion:
        """``POST /v1/webhook/admin/config/delete``."""
        return self._request(calls.connect_webhook_delete(webhook_type))

    def rotate_secret(self) -> m.ConnectSecretRotation:
        """``POST /v1/webhook/admin/config/rotate_secret``: the old secret keeps signing for 24 hours."""
        return self._request(calls.connect_webhook_rotate_secret())


class Connect(_Resource):
    """The Connect API (``/v1``, snake_case): ``client.connect``."""

    def __init__(self, request: _Requester, get_jwks: Callable[[bool], Dict[str, Any]]) -> None:
        super().__init__(request, get_jwks)
        self.webhooks = ConnectWebhooks(request, get_jwks)

    def register(
        self,
        reference_user_id: str,
        redirect_url: Optional[str] = None,
        data_request_type: Optional[str] = None,
        uniqueness_region_id: Optional[str] = None,
    ) -> m.ConnectRegistration:
        """``POST /v1/business_connect_user/register``: an ``invite_url`` for the humanness check.
        Idempotent per ``reference_user_id``. ``data_request_type``:
        ``GET_HUMANNESS_SCORE_AND_UNIQUE_HUMAN_ID`` (default) or ``IS_PHONE_NUMBER_VERIFIED``."""
        return self._request(
            calls.connect_register(reference_user_id, redirect_url, data_request_type, uniqueness_region_id)
        )

    def get_status(self, reference_user_id: Optional[str] = None, user_id: Optional[str] = None) -> m.ConnectUserStatus:
        """``POST /v1/business_connect_user/get_status`` by your id or the ``bcu_...`` id."""
        return self._request(calls.connect_get_status(reference_user_id, user_id))

    def revoke(self, reference_user_id: Optional[str] = None, user_id: Optional[str] = None) -> m.ConnectUserStatus:
        """``POST /v1/business_connect_user/revoke`` (emits ``USER_VERIFICATION_REVOKED``)."""
        return self._request(calls.connect_revoke(reference_user_id, user_id))

    def delete(self, reference_user_id: Optional[str] = None, user_id: Optional[str] = None) -> m.ConnectDeletion:
        """``POST /v1/business_connect_user/delete``: erases the link's personal data (``USER_DELETED``)."""
        return self._request(calls.connect_delete(reference_user_id, user_id))

    def sandbox_outcome(
        self, reference_user_id: Optional[str], outcome: str, *, user_id: Optional[str] = None
    ) -> m.ConnectUserStatus:
        """``POST /v1/sandbox/outcome`` (test keys only): force ``verified``, ``failed``, ``duplicate`` or
        ``expired`` for the user's pending verification (by your id, or ``None`` and ``user_id=``)."""
        return self._request(calls.connect_sandbox_outcome(reference_user_id, outcome, user_id))
