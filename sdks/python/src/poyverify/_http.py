"""The one HTTP transport under both clients (standard library only: ``urllib.request``).

A :class:`Call` describes one API call (method, path, body, how to read the answer). The
:class:`Transport` sends it, retrying where that is safe:

* what is retried: connection errors and timeouts, ``408``, ``429`` and ``5xx``;
* which calls: ``GET`` (safe by definition) and every call that carries an ``Idempotency-Key``. The
  SDK puts one uuid4 key on every ``POST``/``PATCH``/``DELETE`` and reuses it on that call's retries,
  so the server can answer a retry with the stored response (``Idempotent-Replayed: true``) instead
  of doing the work twice;
* how long to wait: the server's ``Retry-After`` when it sends one (a wait longer than
  ``max_retry_delay`` is not waited for: the error is raised at once), otherwise exponential backoff
  (0.5 s, 1 s, 2 s, ... capped at 8 s) with jitter.

The async client runs :meth:`Transport.send` in a worker thread and waits with ``asyncio.sleep``, so
both clients share everything but the waiting.
"""

from __future__ import annotations

import http.client
import json
import os
import platform
import random
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Generic, Mapping, Optional, TypeVar, Union

from .errors import APIConnectionError, APITimeoutError, POYError, error_from_response, parse_retry_after

__all__ = ["Call", "PreparedRequest", "Response", "Transport", "DEFAULT_BASE_URL", "VERSION"]

VERSION = "0.1.0"
DEFAULT_BASE_URL = "http://localhost:8080"
DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_RETRIES = 2
DEFAULT_MAX_RETRY_DELAY = 20.0
_BACKOFF_BASE = 0.5
_BACKOFF_CAP = 8.0
_RETRY_STATUSES = frozenset({408, 429})

T = TypeVar("T")


@dataclass(frozen=True)
class Response:
    """One HTTP answer: status, headers (lower-cased names), decoded JSON body (``None`` if not JSON)."""

    status: int
    headers: Dict[str, str]
    body: Any
    text: str = ""

    @property
    def replayed(self) -> bool:
        """True when the server answered from its idempotency store (``Idempotent-Replayed: true``)."""
        return self.headers.get("idempotent-replayed", "").lower() == "true"


@dataclass(frozen=True)
class Call(Generic[T]):
    """One API call: what to send and how to turn the JSON answer into a result."""

    method: str
    path: str
    parse: Callable[[Any], T]
    body: Optional[Mapping[str, Any]] = None
    query: Optional[Mapping[str, str]] = None
    authenticated: bool = True
    idempotency_key: Optional[str] = None


@dataclass
class PreparedRequest:
    method: str
    url: str
    headers: Dict[str, str]
    data: Optional[bytes]
    retriable: bool
    idempotency_key: Optional[str] = None
    attempts: int = field(default=0)


def resolve_base_url(base_url: Optional[str]) -> str:
    """``base_url``, else ``POY_BASE_URL``, else ``http://localhost:8080``; without a trailing ``/`` or
    ``/api/poy`` (the documentation's base URL ends with it; the SDK adds the paths itself)."""
    url = base_url or os.environ.get("POY_BASE_URL") or DEFAULT_BASE_URL
    url = url.strip().rstrip("/")
    if url.endswith("/api/poy"):
        url = url[: -len("/api/poy")]
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ValueError(f"base_url must be an http(s) URL such as {DEFAULT_BASE_URL}, got {url!r}")
    return url


class Transport:
    """Sends :class:`Call` objects to one POY deployment with one API key."""

    def __init__(
        self,
        api_key: Optional[str],
        base_url: Optional[str] = None,
        timeout: float = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        max_retry_delay: float = DEFAULT_MAX_RETRY_DELAY,
        opener: Optional[urllib.request.OpenerDirector] = None,
    ) -> None:
        if max_retries < 0:
            raise ValueError("max_retries must be 0 or more")
        if timeout <= 0:
            raise ValueError("timeout must be a positive number of seconds")
        self.api_key = api_key if api_key is not None else os.environ.get("POY_API_KEY")
        self.base_url = resolve_base_url(base_url)
        self.timeout = float(timeout)
        self.max_retries = int(max_retries)
        self.max_retry_delay = float(max_retry_delay)
        self._opener = opener or urllib.request.build_opener()
        self.user_agent = (
            f"poyverify-python/{VERSION} (Python {platform.python_version()}; {platform.system() or 'unknown'})"
        )
        # Replaceable in tests; the async client waits with asyncio.sleep instead.
        self.sleep: Callable[[float], None] = time.sleep
        self.random: Callable[[], float] = random.random
        self.last_response: Optional[Response] = None

    # -- building -----------------------------------------------------------------------------

    def url_for(self, path: str, query: Optional[Mapping[str, str]] = None) -> str:
        url = self.base_url + path
        if query:
            url += "?" + urllib.parse.urlencode(list(query.items()))
        return url

    def prepare(self, call: "Call[Any]") -> PreparedRequest:
        method = call.method.upper()
        headers = {
            "Accept": "application/json",
            "User-Agent": self.user_agent,
        }
        if call.authenticated:
            if not self.api_key:
                raise POYError(
                    None,
                    "missing_api_key",
                    "No API key: this call needs one.",
                    hint='Pass POYVerify(api_key="poy_test_...") or set the POY_API_KEY environment variable.',
                )
            headers["Authorization"] = f"Bearer {self.api_key}"
        data: Optional[bytes] = None
        if method in ("POST", "PUT", "PATCH"):
            # A POST without fields still sends "{}": the server accepts only application/json bodies.
            data = json.dumps(dict(call.body or {}), separators=(",", ":"), ensure_ascii=False).encode("utf-8")
            headers["Content-Type"] = "application/json"
        idempotency_key: Optional[str] = None
        if method != "GET" and method != "HEAD":
            # One key per logical call, reused on every retry of it.
            idempotency_key = call.idempotency_key or str(uuid.uuid4())
            headers["Idempotency-Key"] = idempotency_key
        return PreparedRequest(
            method=method,
            url=self.url_for(call.path, call.query),
            headers=headers,
            data=data,
            retriable=method in ("GET", "HEAD") or idempotency_key is not None,
            idempotency_key=idempotency_key,
        )

    # -- one attempt ----------------------------------------------------------------------------

    def send(self, prepared: PreparedRequest) -> Response:
        """One HTTP exchange. Returns any HTTP answer (2xx or not); raises :class:`APIConnectionError`
        or :class:`APITimeoutError` when there is none."""
        request = urllib.request.Request(
            prepared.url, data=prepared.data, headers=prepared.headers, method=prepared.method
        )
        try:
            with self._opener.open(request, timeout=self.timeout) as answer:
                return _read(answer.status, answer.headers, answer.read())
        except urllib.error.HTTPError as error:
            try:
                payload = error.read()
            except (OSError, http.client.HTTPException):
                payload = b""
            finally:
                error.close()
            return _read(error.code, error.headers, payload)
        except urllib.error.URLError as error:
            reason = error.reason
            if isinstance(reason, (socket.timeout, TimeoutError)):
                raise self._timeout(reason) from error
            raise self._unreachable(reason if isinstance(reason, BaseException) else None, str(reason)) from error
        except (socket.timeout, TimeoutError) as error:
            raise self._timeout(error) from error
        except (OSError, http.client.HTTPException, ssl.SSLError) as error:
            raise self._unreachable(error, f"{type(error).__name__}: {error}") from error

    def _timeout(self, cause: BaseException) -> APITimeoutError:
        error = APITimeoutError(f"POY at {self.base_url} did not answer within {self.timeout:g} s.")
        error.cause = cause
        return error

    def _unreachable(self, cause: Optional[BaseException], detail: str) -> APIConnectionError:
        return _with_cause(APIConnectionError(f"Could not reach POY at {self.base_url} ({detail})."), cause)

    # -- retry policy ---------------------------------------------------------------------------

    def backoff(self, retry_number: int) -> float:
        """Exponential backoff with jitter: 0.5 s, 1 s, 2 s, ... capped at 8 s, each scaled by a random
        factor in [0.5, 1) so that many clients do not retry in step."""
        delay = min(_BACKOFF_CAP, _BACKOFF_BASE * (2 ** retry_number))
        return delay * (0.5 + self.random() / 2)

    def retry_delay(self, prepared: PreparedRequest, outcome: Union[Response, APIConnectionError]) -> Optional[float]:
        """Seconds to wait before the next attempt, or ``None`` to stop (and return or raise)."""
        if not prepared.retriable or prepared.attempts > self.max_retries:
            return None
        retry_number = prepared.attempts - 1
        if isinstance(outcome, APIConnectionError):
            return self.backoff(retry_number)
        if outcome.status not in _RETRY_STATUSES and outcome.status < 500:
            return None
        retry_after = parse_retry_after(outcome.headers.get("retry-after"))
        if retry_after is not None:
            # The server said when: wait exactly that, unless it is longer than we are willing to block.
            return retry_after if retry_after <= self.max_retry_delay else None
        return self.backoff(retry_number)

    def result(self, call: "Call[T]", response: Response) -> T:
        """The parsed result of a 2xx answer, or the error for any other."""
        self.last_response = response
        if 200 <= response.status < 300:
            return call.parse(response.body)
        raise error_from_response(response.status, response.body, response.headers)

    # -- the sync loop ---------------------------------------------------------------------------

    def request(self, call: "Call[T]") -> T:
        prepared = self.prepare(call)
        while True:
            prepared.attempts += 1
            try:
                outcome: Union[Response, APIConnectionError] = self.send(prepared)
            except APIConnectionError as error:
                outcome = error
            delay = self.retry_delay(prepared, outcome)
            if delay is None:
                if isinstance(outcome, APIConnectionError):
                    raise outcome
                return self.result(call, outcome)
            self.sleep(delay)


def _with_cause(error: APIConnectionError, cause: Optional[BaseException]) -> APIConnectionError:
    error.cause = cause
    return error


def _read(status: int, headers: Any, payload: bytes) -> Response:
    lowered = {str(name).lower(): str(value) for name, value in headers.items()} if headers else {}
    text = payload.decode("utf-8", errors="replace") if payload else ""
    body: Any = None
    if text:
        try:
            body = json.loads(text)
        except ValueError:
            body = None
    return Response(status=status, headers=lowered, body=body, text=text)
