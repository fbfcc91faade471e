"""The asyncio client, :class:`AsyncPOYVerify`: the same methods as :class:`~poyverify.POYVerify`,
as coroutines.

Each HTTP exchange runs the same standard-library transport in a worker thread
(``asyncio.to_thread``; ``run_in_executor`` on Python 3.8), and waits between retries with
``asyncio.sleep``, so the event loop is never blocked.

>>> import asyncio
>>> from poyverify import AsyncPOYVerify
>>> async def main() -> None:
...     poy = AsyncPOYVerify(api_key="your-api-key")
...     result = await poy.verify("usr_abc123")
...     if result.is_human:
...         pass  # trusted user
"""

from __future__ import annotations

import asyncio
import functools
from typing import Any, Awaitable, Callable, Dict, List, Mapping, Optional, Protocol, Sequence, TypeVar, Union

from . import _calls as calls
from . import models as m
from ._http import (
    DEFAULT_MAX_RETRIES,
    DEFAULT_MAX_RETRY_DELAY,
    DEFAULT_TIMEOUT,
    Call,
    Response,
    PreparedRequest,
)
from .client import Content, _ClientCore
from .errors import APIConnectionError
from .redirects import RedirectResultCheck, verify_redirect_result
from .sessions import SessionTokenCheck, verify_session_token_offline
from .stamps import OfflineStampCheck, verify_stamp_offline

__all__ = ["AsyncPOYVerify"]

T = TypeVar("T")


async def _to_thread(func: Callable[..., T], *args: Any) -> T:
    to_thread = getattr(asyncio, "to_thread", None)  # Python 3.9+
    if to_thread is not None:
        return await to_thread(func, *args)
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, functools.partial(func, *args))


class AsyncPOYVerify(_ClientCore):
    """The asyncio twin of :class:`~poyverify.POYVerify` (same arguments, same methods, awaited)."""

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
        # Replaceable in tests.
        self._sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
        self.stamps = AsyncStamps(self._request, self.get_jwks)
        self.passkeys = AsyncPasskeys(self._request, self.get_jwks)
        self.sessions = AsyncSessions(self._request, self.get_jwks)
        self.webhooks = AsyncWebhooks(self._request, self.get_jwks)
        self.connect = AsyncConnect(self._request, self.get_jwks)

    def __repr__(self) -> str:
        return f"AsyncPOYVerify(base_url={self.base_url!r})"

    async def __aenter__(self) -> "AsyncPOYVerify":
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        """Nothing to release; kept for ``async with`` blocks."""

    async def _request(self, call: Call[T]) -> T:
        transport = self._transport
        prepared: PreparedRequest = transport.prepare(call)
        while True:
            prepared.attempts += 1
            outcome: Union[Response, APIConnectionError]
            try:
                outcome = await _to_thread(transport.send, prepared)
            except APIConnectionError as error:
                outcome = error
            delay = transport.retry_delay(prepared, outcome)
            if delay is None:
                if isinstance(outcome, APIConnectionError):
                    raise outcome
                return transport.result(call, outcome)
            await self._sleep(delay)

    # -- POY: humans -----------------------------------------------------------------------------

    async def verify(
        self,
        user_id: str,
        check_type: str = "full",
        metadata: Optional[Mapping[str, Any]] = None,
        *,
        redirect_url: Optional[str] = None,
    ) -> m.VerifyResult:
        """``POST /api/poy/verify`` (see :meth:`POYVerify.verify`)."""
        return await self._request(calls.verify(user_id, check_type, metadata, redirect_url))

    async def verify_redirect_result(
        self,
        token: Optional[str],
        project_id: str,
        *,
        issuer: Optional[str] = None,
        mode: Optional[str] = None,
        clock_tolerance_seconds: int = 0,
    ) -> RedirectResultCheck:
        """See :meth:`POYVerify.verify_redirect_result`."""

        def check(jwks: Dict[str, Any]) -> RedirectResultCheck:
            return verify_redirect_result(
                token, jwks, project_id, issuer=issuer, mode=mode, clock_tolerance_seconds=clock_tolerance_seconds
            )

        result = check(await self.get_jwks(False))
        if result.reason == "unknown_key":
            result = check(await self.get_jwks(True))
        return result

    async def check(self, user_id: str) -> m.CheckResult:
        """``GET /api/poy/check``."""
        return await self._request(calls.check(user_id))

    async def public_enroll(self, email: str, display_name: str, platform: str) -> m.EnrollmentResult:
        """``POST /api/poy/public-enroll`` (no key)."""
        return await self._request(calls.public_enroll(email, display_name, platform))

    async def get_profile(self, poy_id: str) -> m.Profile:
        """``GET /api/poy/profile/{poyId}`` (no key)."""
        return await self._request(calls.get_profile(poy_id))

    async def get_trust(self, user_id: str) -> m.TrustResult:
        """``GET /api/poy/trust/{userId}``."""
        return await self._request(calls.get_trust(user_id))

    async def sandbox_outcome(self, user_id: str, outcome: str) -> m.VerifyResult:
        """``POST /api/poy/sandbox/outcome`` (test keys only)."""
        return await self._request(calls.sandbox_outcome(user_id, outcome))

    async def get_project(self) -> m.Project:
        """``GET /api/poy/project``."""
        return await self._request(calls.get_project())

    async def list_keys(self) -> List[m.ApiKeyInfo]:
        """``GET /api/poy/keys``."""
        return await self._request(calls.list_keys())

    async def get_jwks(self, refresh: bool = False) -> Dict[str, Any]:
        """``GET /.well-known/jwks.json``, cached 5 minutes."""
        cached = None if refresh else self._jwks.fresh()
        if cached is not None:
            return cached
        return self._jwks.store(await self._request(calls.get_jwks()))


class _AsyncRequester(Protocol):
    def __call__(self, call: Call[T]) -> Awaitable[T]: ...


_AsyncJwks = Callable[[bool], Awaitable[Dict[str, Any]]]


class _AsyncResource:
    def __init__(self, request: _AsyncRequester, get_jwks: _AsyncJwks) -> None:
        self._request = request
        self._get_jwks = get_jwks


class AsyncStamps(_AsyncResource):
    async def create(
        self,
        user_id: str,
        content_hash: str,
        content_type: str,
        title: Optional[str] = None,
        url: Optional[str] = None,
        *,
        idempotency_key: Optional[str] = None,
    ) -> m.Stamp:
        return await self._request(
            calls.create_stamp(user_id, content_hash, content_type, title, url, idempotency_key)
        )

    async def verify(self, stamp_id: str, content_hash: Optional[str] = None) -> m.StampVerification:
        return await self._request(calls.verify_stamp(stamp_id, content_hash))

    async def verify_offline(
        self,
        stamp: Union[m.Stamp, Mapping[str, Any]],
        *,
        content: Optional[Content] = None,
        content_hash: Optional[str] = None,
        content_type: Optional[str] = None,
        allow_test: bool = False,
    ) -> OfflineStampCheck:
        def check(jwks: Dict[str, Any]) -> OfflineStampCheck:
            return verify_stamp_offline(
                stamp, jwks, content=content, content_hash=content_hash, content_type=content_type, allow_test=allow_test
            )

        result = check(await self._get_jwks(False))
        if result.reason == "unknown_key":
            result = check(await self._get_jwks(True))
        return result


class AsyncPasskeys(_AsyncResource):
    async def register_options(self, user_id: str, display_name: str) -> m.PasskeyOptions:
        return await self._request(calls.passkey_register_options(user_id, display_name))

    async def register_verify(self, user_id: str, credential: Mapping[str, Any]) -> m.PasskeyRegistration:
        return await self._request(calls.passkey_register_verify(user_id, credential))

    async def authenticate_options(self, user_id: Optional[str] = None) -> m.PasskeyOptions:
        return await self._request(calls.passkey_authenticate_options(user_id))

    async def authenticate(
        self,
        credential_id: str,
        authenticator_data: str,
        client_data_json: str,
        signature: str,
        user_handle: Optional[str] = None,
    ) -> m.PasskeyAuthentication:
        return await self._request(
            calls.passkey_authenticate(credential_id, authenticator_data, client_data_json, signature, user_handle)
        )


class AsyncSessions(_AsyncResource):
    async def verify(self, session_token: str) -> m.SessionVerification:
        return await self._request(calls.verify_session(session_token))

    async def verify_offline(
        self,
        session_token: str,
        audience: Optional[str] = None,
        issuer: Optional[str] = None,
        *,
        project_id: Optional[str] = None,
        mode: Optional[str] = None,
    ) -> SessionTokenCheck:
        def check(jwks: Dict[str, Any]) -> SessionTokenCheck:
            return verify_session_token_offline(
                session_token, jwks, audience, issuer, project_id=project_id, mode=mode
            )

        result = check(await self._get_jwks(False))
        if result.reason == "unknown_key":
            result = check(await self._get_jwks(True))
        return result


class AsyncWebhooks(_AsyncResource):
    async def create(
        self, url: str, events: Optional[Sequence[str]] = None, *, idempotency_key: Optional[str] = None
    ) -> m.WebhookEndpoint:
        return await self._request(calls.create_webhook(url, events, idempotency_key))

    async def list(self) -> List[m.WebhookEndpoint]:
        return await self._request(calls.list_webhooks())

    async def get(self, endpoint_id: str) -> m.WebhookEndpoint:
        return await self._request(calls.get_webhook(endpoint_id))

    async def update(
        self,
        endpoint_id: str,
        url: Optional[str] = None,
        events: Optional[Sequence[str]] = None,
        enabled: Optional[bool] = None,
    ) -> m.WebhookEndpoint:
        return await self._request(calls.update_webhook(endpoint_id, url, events, enabled))

    async def delete(self, endpoint_id: str) -> m.WebhookDeletion:
        return await self._request(calls.delete_webhook(endpoint_id))

    async def rotate_secret(self, endpoint_id: str) -> m.WebhookSecretRotation:
        return await self._request(calls.rotate_webhook_secret(endpoint_id))

    async def list_deliveries(
        self, endpoint_id: str, limit: Optional[int] = None, before: Optional[str] = None
    ) -> m.DeliveryPage:
        return await self._request(calls.list_webhook_deliveries(endpoint_id, limit, before))

    async def redeliver(self, endpoint_id: str, delivery_id: str) -> m.Redelivery:
        return await self._request(calls.redeliver_webhook(endpoint_id, delivery_id))

    async def test(self, endpoint_id: str) -> m.WebhookTestDelivery:
        return await self._request(calls.test_webhook(endpoint_id))


class AsyncConnectWebhooks(_AsyncResource):
    async def create_or_edit(self, webhook_type: str, destination_url: str) -> m.ConnectWebhookConfig:
        return await self._request(calls.connect_webhook_create_or_edit(webhook_type, destination_url))

    async def get(self) -> List[m.ConnectWebhook]:
        return await self._request(calls.connect_webhook_get())

    async def delete(self, webhook_type: str) -> m.ConnectWebhookDeletion:
        return await self._request(calls.connect_webhook_delete(webhook_type))

    async def rotate_secret(self) -> m.ConnectSecretRotation:
        return await self._request(calls.connect_webhook_rotate_secret())


class AsyncConnect(_AsyncResource):
    def __init__(self, request: _AsyncRequester, get_jwks: _AsyncJwks) -> None:
        super().__init__(request, get_jwks)
        self.webhooks = AsyncConnectWebhooks(request, get_jwks)

    async def register(
        self,
        reference_user_id: str,
        redirect_url: Optional[str] = None,
        data_request_type: Optional[str] = None,
        uniqueness_region_id: Optional[str] = None,
    ) -> m.ConnectRegistration:
        return await self._request(
            calls.connect_register(reference_user_id, redirect_url, data_request_type, uniqueness_region_id)
        )

    async def get_status(
        self, reference_user_id: Optional[str] = None, user_id: Optional[str] = None
    ) -> m.ConnectUserStatus:
        return await self._request(calls.connect_get_status(reference_user_id, user_id))

    async def revoke(self, reference_user_id: Optional[str] = None, user_id: Optional[str] = None) -> m.ConnectUserStatus:
        return await self._request(calls.connect_revoke(reference_user_id, user_id))

    async def delete(self, reference_user_id: Optional[str] = None, user_id: Optional[str] = None) -> m.ConnectDeletion:
        return await self._request(calls.connect_delete(reference_user_id, user_id))

    async def sandbox_outcome(
        self, reference_user_id: Optional[str], outcome: str, *, user_id: Optional[str] = None
    ) -> m.ConnectUserStatus:
        return await self._request(calls.connect_sandbox_outcome(reference_user_id, outcome, user_id))
