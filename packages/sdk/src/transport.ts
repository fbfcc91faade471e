// One HTTP request as a logical call: headers, a timeout per attempt, retries with backoff, one
// Idempotency-Key reused by every attempt, error mapping and response decoding.
import { DecodeError, type Decoder, isJsonObject } from './decode.ts';
import {
  APIError,
  ConnectionError,
  ERROR_HINTS,
  errorForStatus,
  type POYError,
  parseRetryAfterSeconds,
  TimeoutError,
} from './errors.ts';
import { type AttemptFailure, decideRetry, type RetryPolicy } from './retry.ts';

/** The part of `fetch` the SDK uses; the global `fetch` and most polyfills fit. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** Per-call options, accepted as the last argument of every client method. */
export interface RequestOptions {
  /**
   * Idempotency-Key for this call. Default: for POSTs that act (create, register, rotate…), a new random
   * UUID per call, reused by that call's retries. Pass your own to make a call safe to repeat across
   * process restarts (the server replays the first answer for 24 hours).
   */
  idempotencyKey?: string;
  /** Overrides the client's `timeoutMs` for this call. */
  timeoutMs?: number;
  /** Overrides the client's `maxRetries` for this call. */
  maxRetries?: number;
  /** Aborts the call (and any wait between retries); the call then rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** Everything a Transport needs. */
export interface TransportSettings {
  apiKey: string | undefined;
  baseUrl: string;
  timeoutMs: number;
  retry: RetryPolicy;
  fetch: FetchLike;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
  createIdempotencyKey: () => Promise<string>;
}

/** One logical call. */
export interface CallSpec<T> {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** Send the API key. Default true. */
  authenticated?: boolean;
  /**
   * How retries are kept from acting twice:
   * - `key`: an Idempotency-Key (one per logical call) lets the server replay its first answer;
   * - `natural`: repeating the call has the same effect (reads, absolute updates, deletes);
   * - `none`: the call may act and cannot be deduplicated; it is retried only after 429.
   * Default: `key` for authenticated POSTs, `none` for unauthenticated POSTs, `natural` otherwise.
   */
  idempotency?: 'key' | 'natural' | 'none';
  decode: Decoder<T>;
  options?: RequestOptions | undefined;
}

/** Waits `ms`, or rejects with the signal's reason when it aborts first. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

interface ErrorDetails {
  message: string;
  code: string | null;
  requestId: string | null;
}

function optionalString(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/** Reads both error formats: POY `{error:{code,message,type,requestId}}`, Connect `{status:"failure",…}`. */
export function readErrorDetails(status: number, body: unknown, headers: Headers): ErrorDetails {
  const headerRequestId = headers.get('x-request-id');
  if (isJsonObject(body)) {
    const poy = body.error;
    if (isJsonObject(poy)) {
      return {
        message: optionalString(poy.message) ?? `POY answered HTTP ${status}.`,
        code: optionalString(poy.type),
        requestId: optionalString(poy.requestId) ?? headerRequestId,
      };
    }
    if (body.status === 'failure') {
      return {
        message: optionalString(body.failure_reason) ?? `POY answered HTTP ${status}.`,
        code: optionalString(body.failure_code),
        requestId: optionalString(body.request_id) ?? headerRequestId,
      };
    }
  }
  return { message: `POY answered HTTP ${status}.`, code: null, requestId: headerRequestId };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    const value: unknown = JSON.parse(text);
    return { ok: true, value };
  } catch {
    return { ok: false };
  }
}

/** Sends calls for one client. */
export class Transport {
  readonly #settings: TransportSettings;

  /** @param settings The client's resolved settings. */
  constructor(settings: TransportSettings) {
    this.#settings = settings;
  }

  /** The base URL calls go to. */
  get baseUrl(): string {
    return this.#settings.baseUrl;
  }

  #url(path: string, query: CallSpec<unknown>['query']): string {
    let url = `${this.#settings.baseUrl}${path}`;
    if (query) {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(query)) {
        if (value !== undefined) params.set(key, String(value));
      }
      const text = params.toString();
      if (text) url += `?${text}`;
    }
    return url;
  }

  /** Runs one logical call: attempts, retries, and the decoded answer or a POYError. */
  async call<T>(spec: CallSpec<T>): Promise<T> {
    const settings = this.#settings;
    const options = spec.options ?? {};
    const authenticated = spec.authenticated ?? true;
    const timeoutMs = options.timeoutMs ?? settings.timeoutMs;
    const policy = { ...settings.retry, maxRetries: options.maxRetries ?? settings.retry.maxRetries };
    const idempotency =
      spec.idempotency ?? (spec.method === 'POST' ? (authenticated ? 'key' : 'none') : 'natural');
    // One key per logical call, the same on every attempt, so the server acts at most once. A key
    // passed by the caller is always sent.
    const idempotencyKey =
      options.idempotencyKey ?? (idempotency === 'key' ? await settings.createIdempotencyKey() : undefined);
    const idempotent = idempotency !== 'none' || idempotencyKey !== undefined;

    const headers: Record<string, string> = { accept: 'application/json' };
    if (authenticated && settings.apiKey) headers.authorization = `Bearer ${settings.apiKey}`;
    if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;
    let body: string | undefined;
    if (spec.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(spec.body);
    }
    const url = this.#url(spec.path, spec.query);

    for (let attempt = 0; ; attempt++) {
      const outcome = await this.#attempt({ url, method: spec.method, headers, body, timeoutMs, options });
      let error: POYError;
      let failure: AttemptFailure;
      if (outcome.kind === 'response') {
        const { response, text } = outcome;
        const parsed = parseJson(text);
        if (response.ok) return this.#decode(spec.decode, parsed, response);
        const details = readErrorDetails(response.status, parsed.ok ? parsed.value : null, response.headers);
        error = errorForStatus(response.status, { ...details, headers: response.headers });
        failure = {
          kind: 'status',
          status: response.status,
          retryAfterSeconds: parseRetryAfterSeconds(response.headers.get('retry-after')),
        };
      } else {
        error = outcome.error;
        failure = { kind: outcome.kind };
      }
      const decision = decideRetry({
        failure,
        retryNumber: attempt + 1,
        idempotent,
        policy,
        random: settings.random,
      });
      if (!decision.retry) throw error;
      await settings.sleep(decision.delayMs, options.signal);
    }
  }

  #decode<T>(
    decode: Decoder<T>,
    parsed: { ok: true; value: unknown } | { ok: false },
    response: Response,
  ): T {
    const requestId = response.headers.get('x-request-id');
    if (!parsed.ok) {
      throw new APIError({
        message: `POY answered HTTP ${response.status} with a body that is not JSON.`,
        status: response.status,
        requestId,
        hint: ERROR_HINTS.unreadable,
        headers: response.headers,
      });
    }
    try {
      return decode(parsed.value, '');
    } catch (cause) {
      if (!(cause instanceof DecodeError)) throw cause;
      throw new APIError({
        message: `POY answered HTTP ${response.status} with an unexpected body: ${cause.message}.`,
        status: response.status,
        code: 'unexpected_response',
        requestId,
        hint: ERROR_HINTS.unreadable,
        headers: response.headers,
        cause,
      });
    }
  }

  async #attempt(input: {
    url: string;
    method: string;
    headers: Record<string, string>;
    body: string | undefined;
    timeoutMs: number;
    options: RequestOptions;
  }): Promise<
    { kind: 'response'; response: Response; text: string } | { kind: 'network' | 'timeout'; error: POYError }
  > {
    const { signal } = input.options;
    if (signal?.aborted) throw signal.reason;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, input.timeoutMs);
    const onAbort = (): void => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    const fetchCall = this.#settings.fetch;
    try {
      const response = await fetchCall(input.url, {
        method: input.method,
        headers: input.headers,
        ...(input.body !== undefined ? { body: input.body } : {}),
        signal: controller.signal,
      });
      // The timeout covers the body too: a server that sends headers and then stalls is a timeout.
      const text = await response.text();
      return { kind: 'response', response, text };
    } catch (cause) {
      if (signal?.aborted) throw signal.reason;
      if (timedOut) {
        return {
          kind: 'timeout',
          error: new TimeoutError({
            message: `POY did not answer ${input.method} ${input.url} within ${input.timeoutMs} ms.`,
            status: 0,
            hint: ERROR_HINTS.timeout,
            cause,
          }),
        };
      }
      const inner = cause instanceof Error && cause.cause instanceof Error ? ` (${cause.cause.message})` : '';
      const reason = cause instanceof Error ? `: ${cause.message}${inner}` : '';
      return {
        kind: 'network',
        error: new ConnectionError({
          message: `Could not reach POY at ${this.#settings.baseUrl} (${input.method} ${input.url})${reason}.`,
          status: 0,
          hint: ERROR_HINTS.connection,
          cause,
        }),
      };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }
}
