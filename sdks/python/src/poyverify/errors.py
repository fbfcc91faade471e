"""Errors raised by the POY SDK.

Every error the API returns becomes a :class:`POYError` subclass chosen by the HTTP status, whichever
surface answered:

* the POY API (``/api/poy/...``): ``{"error": {"code": 401, "message": "...", "type": "unauthorized",
  "requestId": "req_..."}}``
* the Connect API (``/v1/...``): ``{"status": "failure", "failure_code": "UNAUTHORIZED",
  "failure_reason": "...", "request_id": "req_..."}``

``str(error)`` is the server's message followed by what to do next; the pieces are also attributes
(``status``, ``code``, ``type``, ``message``, ``request_id``, ``hint``).
"""

from __future__ import annotations

import datetime as _dt
from email.utils import parsedate_to_datetime
from typing import Any, Dict, List, Mapping, Optional, Type

from ._json import as_dict

__all__ = [
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
    "error_from_response",
]

# Connect failure codes and the POY error types they mean (docs/errors.md).
_CONNECT_CODE_TO_TYPE: Dict[str, str] = {
    "INVALID_REQUEST": "invalid_request",
    "UNAUTHORIZED": "unauthorized",
    "FORBIDDEN": "forbidden",
    "DOES_NOT_EXIST": "not_found",
    "RATE_LIMITED": "rate_limited",
    "INTERNAL_ERROR": "internal",
}


class POYError(Exception):
    """Base class of every error this SDK raises.

    Attributes:
        status: the HTTP status (``None`` when no response arrived).
        code: the error code exactly as the server sent it: the POY ``type`` (``"not_found"``) or the
            Connect ``failure_code`` (``"DOES_NOT_EXIST"``); ``None`` when the body had neither.
        type: the POY error type for both surfaces (``"not_found"`` for ``DOES_NOT_EXIST`` too).
        message: the server's human-readable message (or the SDK's, for connection problems).
        request_id: the server's request id (quote it to support), from the body or ``x-request-id``.
        hint: what to do next.
        body: the decoded JSON error body (``None`` when there was none or it was not JSON).
        headers: the response headers, lower-cased names.
    """

    default_hint = "See docs/errors.md for what this error means."

    def __init__(
        self,
        status: Optional[int],
        code: Optional[str],
        message: str,
        request_id: Optional[str] = None,
        *,
        type: Optional[str] = None,
        hint: Optional[str] = None,
        body: Any = None,
        headers: Optional[Mapping[str, str]] = None,
    ) -> None:
        self.status = status
        self.code = code
        self.type = type
        self.message = message
        self.request_id = request_id
        self.hint = hint if hint is not None else self.default_hint
        self.body = body
        self.headers: Dict[str, str] = dict(headers or {})
        super().__init__(self._describe())

    def _describe(self) -> str:
        details: List[str] = []
        if self.status is not None:
            details.append(f"HTTP {self.status}")
        if self.code:
            details.append(self.code)
        if self.request_id:
            details.append(f"request {self.request_id}")
        text = self.message
        if details:
            text += f" [{', '.join(details)}]"
        if self.hint:
            text += f" {self.hint}"
        return text

    def __str__(self) -> str:
        return self._describe()

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(status={self.status!r}, code={self.code!r}, "
            f"message={self.message!r}, request_id={self.request_id!r})"
        )


class InvalidRequestError(POYError):
    """400 (and 405, 413, 415): a field is missing or malformed. The message names the field."""

    default_hint = (
        "Fix the request: the message names the field that is missing or malformed "
        "(see spec/openapi.json for every field). Retrying the same request will fail again."
    )


class AuthenticationError(POYError):
    """401: no API key, an unknown or malformed key, or a revoked key."""

    default_hint = (
        "Check the api_key given to POYVerify (or the POY_API_KEY variable): it must be a current "
        "poy_live_... or poy_test_... key of this deployment (base_url). Create one in the dashboard "
        "or with `poy key create`, and make sure it was not revoked."
    )


class PermissionDeniedError(POYError):
    """403: the key may not do this (for example a sandbox route with a live key, or a stamp by a user
    who is not a verified human)."""

    default_hint = (
        "This key may not do this: sandbox routes need a poy_test_ key, and stamps need a creator "
        "who is a verified human of this project in this key's mode. Use the right key or user."
    )


class NotFoundError(POYError):
    """404 (Connect ``DOES_NOT_EXIST``): no such user, stamp, endpoint, ... for this project and mode."""

    default_hint = (
        "Check the id. Live and test keys see separate data: a user created with a poy_test_ key "
        "does not exist for a poy_live_ key."
    )


class ConflictError(POYError):
    """409: the request conflicts with the current state (for example registering a passkey twice)."""

    default_hint = (
        "The resource is not in a state that allows this. Fetch its current state; do not retry "
        "the same request blindly."
    )


class RateLimitError(POYError):
    """429: a rate limit is exhausted. ``retry_after_seconds`` is the server's ``Retry-After``."""

    default_hint = (
        "Slow down: wait retry_after_seconds (the Retry-After header) before the next request. "
        "Per-key limits depend on the project's plan; public-enroll allows 10 requests a minute per IP."
    )

    def __init__(
        self,
        status: Optional[int],
        code: Optional[str],
        message: str,
        request_id: Optional[str] = None,
        *,
        retry_after_seconds: Optional[float] = None,
        **kwargs: Any,
    ) -> None:
        self.retry_after_seconds = retry_after_seconds
        super().__init__(status, code, message, request_id, **kwargs)

    def _describe(self) -> str:
        text = super()._describe()
        if self.retry_after_seconds is not None:
            text += f" Retry after {self.retry_after_seconds:g} s."
        return text


class APIError(POYError):
    """5xx: the server failed. Safe to retry later; quote ``request_id`` to support."""

    default_hint = (
        "The server had a problem: retry later (the SDK already retried idempotent calls). "
        "If it persists, give the request id to the deployment's operators."
    )


class APIConnectionError(POYError):
    """No HTTP response: the server could not be reached (DNS, refused connection, reset, TLS)."""

    default_hint = (
        "Check base_url (or POY_BASE_URL) and that the POY server is running and reachable "
        "from here; the SDK already retried idempotent calls."
    )

    def __init__(self, message: str, *, hint: Optional[str] = None, cause: Optional[BaseException] = None):
        super().__init__(None, None, message, None, hint=hint)
        self.cause = cause


class APITimeoutError(APIConnectionError):
    """The server did not answer within ``timeout`` seconds."""

    default_hint = (
        "Raise timeout= on the client if the server is slow, or retry later; "
        "the SDK already retried idempotent calls."
    )


_STATUS_TO_CLASS: Dict[int, Type[POYError]] = {
    400: InvalidRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    429: RateLimitError,
}


def _class_for(status: int) -> Type[POYError]:
    if status in _STATUS_TO_CLASS:
        return _STATUS_TO_CLASS[status]
    if status >= 500:
        return APIError
    if 400 <= status < 500:
        return InvalidRequestError
    return POYError


def parse_retry_after(value: Optional[str]) -> Optional[float]:
    """Seconds from a ``Retry-After`` header (delta-seconds or an HTTP date); ``None`` when absent."""
    if value is None:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when is None:
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=_dt.timezone.utc)
        seconds = (when - _dt.datetime.now(_dt.timezone.utc)).total_seconds()
    return max(0.0, seconds)


def error_from_response(status: int, body: Any, headers: Mapping[str, str]) -> POYError:
    """Builds the error for a non-2xx response from its decoded JSON body (or ``None``) and headers
    (lower-cased names). Understands both the POY and the Connect error formats."""
    code: Optional[str] = None
    error_type: Optional[str] = None
    message: Optional[str] = None
    request_id: Optional[str] = headers.get("x-request-id")
    data = as_dict(body)
    if data is not None:
        error = as_dict(data.get("error"))
        if error is not None:  # POY format
            raw_type = error.get("type")
            if isinstance(raw_type, str):
                code = raw_type
                error_type = raw_type
            if isinstance(error.get("message"), str):
                message = error["message"]
            if isinstance(error.get("requestId"), str):
                request_id = error["requestId"]
        elif data.get("status") == "failure" or "failure_code" in data:  # Connect format
            failure_code = data.get("failure_code")
            if isinstance(failure_code, str):
                code = failure_code
                error_type = _CONNECT_CODE_TO_TYPE.get(failure_code, failure_code.lower())
            if isinstance(data.get("failure_reason"), str):
                message = data["failure_reason"]
            if isinstance(data.get("request_id"), str):
                request_id = data["request_id"]
    if message is None:
        message = f"The server answered HTTP {status} without a POY error body."
    cls = _class_for(status)
    kwargs: Dict[str, Any] = {"type": error_type, "body": body, "headers": headers}
    if cls is RateLimitError:
        return RateLimitError(
            status,
            code,
            message,
            request_id,
            retry_after_seconds=parse_retry_after(headers.get("retry-after")),
            **kwargs,
        )
    return cls(status, code, message, request_id, **kwargs)
