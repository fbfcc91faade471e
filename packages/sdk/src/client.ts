// The POYVerify client: one method per route of the POY API (docs/api.md §5, §6) and the Connect API
// (docs/api.md §4), grouped by resource. Every method sends the API key, retries what is safe to retry,
// and returns the decoded answer or throws a POYError subclass.
import {
  isJsonObject,
  type OfflineSessionCheck,
  type OfflineStamp,
  type RedirectResultCheck,
  type StampCheck,
  type VerifyRedirectResultOptions,
  type VerifySessionTokenOptions,
  type VerifyStampOfflineOptions,
} from '@poy/wire';
import { verifyRedirectResult, verifySessionTokenOffline, verifyStampOffline } from './offline.ts';
import { randomUuid } from './random-uuid.ts';
import * as decode from './responses.ts';
import { DEFAULT_RETRY_POLICY } from './retry.ts';
import { abortableSleep, type FetchLike, type RequestOptions, Transport } from './transport.ts';
import type {
  ApiKeySummary,
  CheckResult,
  ConnectDeleteResult,
  ConnectEventType,
  ConnectRegisterInput,
  ConnectRegisterResult,
  ConnectSecretRotated,
  ConnectUserRef,
  ConnectUserStatus,
  ConnectWebhookDeleted,
  ConnectWebhookInput,
  ConnectWebhookList,
  ConnectWebhookSaved,
  CreatedWebhookEndpoint,
  CreateStampInput,
  CreateWebhookInput,
  DeletedWebhookEndpoint,
  HeldVerification,
  Jwks,
  JwksInput,
  ListDeliveriesOptions,
  PasskeyAssertion,
  PasskeyAuthenticationResult,
  PasskeyCreationOptions,
  PasskeyRegistrationCredential,
  PasskeyRegistrationResult,
  PasskeyRequestOptions,
  Profile,
  ProjectInfo,
  PublicEnrollInput,
  PublicEnrollResult,
  RedeliveryResult,
  ReviewDecision,
  RotatedWebhookSecret,
  SandboxOutcome,
  SessionVerification,
  Stamp,
  StampVerification,
  TestEventResult,
  TrustReport,
  UpdateWebhookInput,
  VerifyResult,
  VerifyStampInput,
  WebhookDeliveryPage,
  WebhookEndpoint,
} from './types.ts';

/** The SDK's version (sent nowhere; for your logs). */
export const SDK_VERSION = '0.1.0';

/** Where the client goes when neither `baseUrl` nor `POY_BASE_URL` says otherwise. */
export const DEFAULT_BASE_URL = 'http://localhost:8080';

/** Options of `new POYVerify(...)`. */
export interface POYVerifyOptions {
  /**
   * Your project's API key (`poy_live_…` or `poy_test_…`), sent as `Authorization: Bearer`. Keep it on
   * the server. Not needed for `publicEnroll`, `getProfile` and `jwks`.
   */
  apiKey?: string;
  /**
   * The POY server's origin, e.g. `https://poy.example.com`. Default: `process.env.POY_BASE_URL` when
   * set (Node), else `http://localhost:8080`. A trailing `/api/poy` (the docs' "Base URL") is accepted.
   */
  baseUrl?: string;
  /** Time limit of each attempt (connect, headers and body), in milliseconds. Default `10000`. */
  timeoutMs?: number;
  /**
   * Retries after a failed attempt, for failures that are safe to retry: network errors, timeouts and
   * 5xx for GETs and for calls carrying an Idempotency-Key; 429 always (after `Retry-After`). Default `2`.
   */
  maxRetries?: number;
  /** Gap before the first retry (then doubling, with jitter), in milliseconds. Default `500`. */
  initialRetryDelayMs?: number;
  /** Largest gap between retries, in milliseconds. Default `8000`. */
  maxRetryDelayMs?: number;
  /** A `Retry-After` longer than this many seconds is not waited for: the RateLimitError is thrown. Default `60`. */
  maxRetryAfterSeconds?: number;
  /** The `fetch` to use. Default: the global `fetch` (Node 18+, browsers). */
  fetch?: FetchLike;
  /** How to wait between retries (tests inject a fake clock). Default: `setTimeout`. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Random source for jitter, in [0, 1). Default `Math.random`. */
  random?: () => number;
}

function environmentBaseUrl(): string | undefined {
  // Browsers have no `process`; bundlers may define a partial one.
  const processValue: unknown = Reflect.get(globalThis, 'process');
  const env = isJsonObject(processValue) ? processValue.env : undefined;
  const value = isJsonObject(env) ? env.POY_BASE_URL : undefined;
  return typeof value === 'string' && value.trim().length > 0 ? value : undefined;
}

/** Normalises a base URL: no trailing slash, and no `/api/poy` suffix (the docs' "Base URL" form). */
function normaliseBaseUrl(value: string): string {
  let url = value.trim().replace(/\/+$/, '');
  if (url.endsWith('/api/poy')) url = url.slice(0, -'/api/poy'.length);
  if (!/^https?:\/\/[^/]/i.test(url)) {
    throw new TypeError(`baseUrl must be an http(s) URL such as https://poy.example.com; got "${value}".`);
  }
  return url;
}

function nonNegative(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0)
    throw new TypeError(`${name} must be a number ≥ 0; got ${value}.`);
  return value;
}

function segment(value: string, name: string): string {
  if (typeof value !== 'string' || value.length === 0)
    throw new TypeError(`${name} must be a non-empty string.`);
  return encodeURIComponent(value);
}

function connectUserBody(ref: ConnectUserRef): Record<string, string> {
  if (ref.referenceUserId !== undefined) return { reference_user_id: ref.referenceUserId };
  if (ref.userId !== undefined) return { user_id: ref.userId };
  throw new TypeError('Pass referenceUserId (your id) or userId (bcu_…).');
}

/** Passkey ceremonies for your project's users (docs/api.md §5). */
export class PasskeysResource {
  readonly #transport: Transport;

  /** @internal */
  constructor(transport: Transport) {
    this.#transport = transport;
  }

  /**
   * Creation options for registering a passkey (`POST /api/poy/passkeys/register`); hand them to
   * `runPasskeyRegistration` in the browser.
   *
   * @throws InvalidRequestError, AuthenticationError, RateLimitError, APIError, ConnectionError, TimeoutError.
   * @example
   * const options = await poy.passkeys.registerOptions({ userId: 'usr_123', displayName: 'Jane Doe' });
   */
  async registerOptions(
    input: { userId: string; displayName: string },
    options?: RequestOptions,
  ): Promise<PasskeyCreationOptions> {
    return this.#transport.call({
      method: 'POST',
      path: '/api/poy/passkeys/register',
      body: { userId: input.userId, displayName: input.displayName },
      decode: decode.passkeyCreationOptions,
      options,
    });
  }

  /**
   * Verifies and stores the credential the browser created (`POST /api/poy/passkeys/register/verify`).
   *
   * @throws InvalidRequestError (challenge used or expired, origin mismatch), ConflictError (already
   * registered), AuthenticationError, and the transport errors.
   * @example
   * const { credentialId } = await poy.passkeys.registerVerify({ userId: 'usr_123', credential });
   */
  async registerVerify(
    input: { userId: string; credential: PasskeyRegistrationCredential },
    options?: RequestOptions,
  ): Promise<PasskeyRegistrationResult> {
    return this.#transport.call({
      method: 'POST',
      path: '/api/poy/passkeys/register/verify',
      body: { userId: input.userId, credential: input.credential },
      decode: decode.passkeyRegistrationResult,
      options,
    });
  }

  /**
   * Request options for a sign-in (`POST /api/poy/passkeys/authenticate/options`): for one user, or
   * without `userId` for a discoverable ("usernameless") sign-in.
   *
   * @throws AuthenticationError, InvalidRequestError, and the transport errors.
   * @example
   * const options = await poy.passkeys.authenticateOptions({ userId: 'usr_123' });
   */
  async authenticateOptions(
    input: { userId?: string } = {},
    options?: RequestOptions,
  ): Promise<PasskeyRequestOptions> {
    return this.#transport.call({
      method: 'POST',
      path: '/api/poy/passkeys/authenticate/options',
      body: input.userId !== undefined ? { userId: input.userId } : {},
      decode: decode.passkeyRequestOptions,
      options,
    });
  }

  /**
   * Verifies a sign-in assertion and returns a session token (`POST /api/poy/passkeys/authenticate`).
   *
   * @throws InvalidRequestError (challenge, unknown passkey, bad signature), AuthenticationError, and
   * the transport errors.
   * @example
   * const { sessionToken, userId } = await poy.passkeys.authenticate(assertion);
   */
  async authenticate(
    assertion: PasskeyAssertion,
    options?: RequestOptions,
  ): Promise<PasskeyAuthenticationResult> {
    return this.#transport.call({
      method: 'POST',
      path: '/api/poy/passkeys/authenticate',
      body: {
        credentialId: assertion.credentialId,
        authenticatorData: assertion.authenticatorData,
        clientDataJSON: assertion.clientDataJSON,
        signature: assertion.signature,
        ...(assertion.userHandle !== undefined ? { userHandle: assertion.userHandle } : {}),
      },
      decode: decode.passkeyAuthenticationResult,
      options,
    });
  }
}

/** Content stamps (docs/api.md §5, spec/stamps.md). */
export class StampsResource {
  readonly #transport: Transport;
  readonly #client: POYVerify;

  /** @internal */
  constructor(transport: Transport, client: POYVerify) {
    this.#transport = transport;
    this.#client = client;
  }

  /**
   * Stamps content as made by a verified human of your project (`POST /api/poy/stamps`). Safe to retry:
   * the call's Idempotency-Key makes the server create one stamp.
   *
   * @throws PermissionError (the creator is not a verified human of this project and mode),
   * InvalidRequestError, AuthenticationError, and the transport errors.
   * @example
   * const stamp = await poy.stamps.create({ userId: 'usr_123', contentHash: await hashContent(html), contentType: 'article' });
   */
  async create(input: CreateStampInput, options?: RequestOptions): Promise<Stamp> {
    return this.#transport.call({
      method: 'POST',
      path: '/api/poy/stamps',
      body: {
        userId: input.userId,
        contentHash: input.contentHash,
        contentType: input.contentType,
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.url !== undefined ? { url: input.url } : {}),
      },
      decode: decode.stamp,
      options,
    });
  }

  /**
   * Asks POY whether a stamp is authentic and its creator still a verified human
   * (`POST /api/poy/stamps/verify`).
   *
   * @throws NotFoundError (no such stamp in this key's mode), InvalidRequestError, and the transport errors.
   * @example
   * const check = await poy.stamps.verify({ stampId: 'stmp_7f8a9b0c1d2e', contentHash });
   * if (check.valid && check.isHumanCreator) { ... }
   */
  async verify(input: VerifyStampInput, options?: RequestOptions): Promise<StampVerification> {
    return this.#transport.call({
      method: 'POST',
      path: '/api/poy/stamps/verify',
      idempotency: 'natural',
      body: {
        stampId: input.stampId,
        ...(input.contentHash !== undefined ? { contentHash: input.contentHash } : {}),
      },
      decode: decode.stampVerification,
      options,
    });
  }

  /**
   * Verifies a stamp offline with the deployment's JWKS (fetched once and cached by this client;
   * fetched again when a stamp names a key the cache lacks). See `verifyStampOffline`.
   *
   * @throws The transport errors of fetching the JWKS.
   * @example
   * const check = await poy.stamps.verifyOffline({ ...stamp, contentType: 'article', content: html });
   */
  async verifyOffline(stamp: OfflineStamp, options: VerifyStampOfflineOptions = {}): Promise<StampCheck> {
    const first = await verifyStampOffline(stamp, await this.#client.cachedJwks(), options);
    if (first.valid || first.reason !== 'unknown_key') return first;
    return verifyStampOffline(stamp, await this.#client.cachedJwks({ refresh: true }), options);
  }
}

/** Session tokens from passkey sign-in (docs/api.md §5). */
export class SessionsResource {
  readonly #transport: Transport;
  readonly #client: POYVerify;

  /** @internal */
  constructor(transport: Transport, client: POYVerify) {
    this.#transport = transport;
    this.#client = client;
  }

  /**
   * Asks POY whether a session token is valid for your project (`POST /api/poy/sessions/verify`).
   *
   * @throws AuthenticationError, InvalidRequestError, and the transport errors (an invalid token is a
   * `{ valid: false, reason }` answer, not an error).
   * @example
   * const session = await poy.sessions.verify(token);
   * if (session.valid) console.log(session.userId);
   */
  async verify(sessionToken: string, options?: RequestOptions): Promise<SessionVerification> {
    return this.#transport.call({
      method: 'POST',
      path: '/api/poy/sessions/verify',
      idempotency: 'natural',
      body: { sessionToken },
      decode: decode.sessionVerification,
      options,
    });
  }

  /**
   * Verifies a session token offline with the cached JWKS (refetched once for an unknown kid). Pass
   * `audience` (your project's public id) and `issuer` (POY's public URL). See `verifySessionTokenOffline`.
   *
   * @throws The transport errors of fetching the JWKS.
   * @example
   * const session = await poy.sessions.verifyOffline(token, { audience: 'my-app', issuer: 'https://poy.example.com' });
   */
  async verifyOffline(
    sessionToken: string,
    options: VerifySessionTokenOptions = {},
  ): Promise<OfflineSessionCheck> {
    const first = await verifySessionTokenOffline(sessionToken, await this.#client.cachedJwks(), options);
    if (first.valid || first.reason !== 'unknown_key') return first;
    return verifySessionTokenOffline(sessionToken, await this.#client.cachedJwks({ refresh: true }), options);
  }
}

/** POY webhook endpoints (docs/api.md §6). */
export class WebhooksResource {
  readonly #transport: Transport;

  /** @internal */
  constructor(transport: Transport) {
    this.#transport = transport;
  }

  /**
   * Adds an endpoint (`POST /api/poy/webhooks`). The answer carries its signing secret: store it now,
   * it is never shown again (except by `rotateSecret`).
   *
   * @throws InvalidRequestError (URL not allowed, unknown event type), AuthenticationError, and the
   * transport errors.
   * @example
   * const { id, secret } = await poy.webhooks.create({ url: 'https://example.com/poy', events: ['user.verified'] });
   */
  async create(input: CreateWebhookInput, options?: RequestOptions): Promise<CreatedWebhookEndpoint> {
    return this.#transport.call({
      method: 'POST',
      path: '/api/poy/webhooks',
      body: { url: input.url, ...(input.events !== undefined ? { events: input.events } : {}) },
      decode: decode.createdWebhookEndpoint,
      options,
    });
  }

  /**
   * This project's endpoints for the key's mode, without secrets (`GET /api/poy/webhooks`).
   *
   * @throws AuthenticationError and the transport errors.
   * @example
   * const { data } = await poy.webhooks.list();
   */
  async list(options?: RequestOptions): Promise<{ data: WebhookEndpoint[] }> {
    return this.#transport.call({
      method: 'GET',
      path: '/api/poy/webhooks',
      decode: decode.webhookEndpointList,
      options,
    });
  }

  /**
   * One endpoint, without its secret (`GET /api/poy/webhooks/{id}`).
   *
   * @throws NotFoundError, AuthenticationError, and the transport errors.
   * @example
   * const endpoint = await poy.webhooks.get('we_123');
   */
  async get(id: string, options?: RequestOptions): Promise<WebhookEndpoint> {
    return this.#transport.call({
      method: 'GET',
      path: `/api/poy/webhooks/${segment(id, 'id')}`,
      decode: decode.webhookEndpoint,
      options,
    });
  }

  /**
   * Changes an endpoint's URL or events, or pauses (`enabled: false`) and resumes it
   * (`PATCH /api/poy/webhooks/{id}`).
   *
   * @throws NotFoundError, InvalidRequestError, AuthenticationError, and the transport errors.
   * @example
   * await poy.webhooks.update('we_123', { enabled: false });
   */
  async update(id: string, input: UpdateWebhookInput, options?: RequestOptions): Promise<WebhookEndpoint> {
    return this.#transport.call({
      method: 'PATCH',
      path: `/api/poy/webhooks/${segment(id, 'id')}`,
      body: {
        ...(input.url !== undefined ? { url: input.url } : {}),
        ...(input.events !== undefined ? { events: input.events } : {}),
        ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
      },
      decode: decode.webhookEndpoint,
      options,
    });
  }

  /**
   * Deletes an endpoint and its delivery log (`DELETE /api/poy/webhooks/{id}`).
   *
   * @throws NotFoundError, AuthenticationError, and the transport errors.
   * @example
   * await poy.webhooks.delete('we_123');
   */
  async delete(id: string, options?: RequestOptions): Promise<DeletedWebhookEndpoint> {
    return this.#transport.call({
      method: 'DELETE',
      path: `/api/poy/webhooks/${segment(id, 'id')}`,
      decode: decode.deletedWebhookEndpoint,
      options,
    });
  }

  /**
   * Replaces the signing secret; the previous one keeps signing alongside it for 24 hours
   * (`POST /api/poy/webhooks/{id}/rotate-secret`).
   *
   * @throws NotFoundError, AuthenticationError, and the transport errors.
   * @example
   * const { secret } = await poy.webhooks.rotateSecret('we_123');
   */
  async rotateSecret(id: string, options?: RequestOptions): Promise<RotatedWebhookSecret> {
    return this.#transport.call({
      method: 'POST',
      path: `/api/poy/webhooks/${segment(id, 'id')}/rotate-secret`,
      decode: decode.rotatedWebhookSecret,
      options,
    });
  }

  /**
   * An endpoint's deliveries, newest first, each with its attempts (`GET /api/poy/webhooks/{id}/deliveries`).
   *
   * @throws NotFoundError, InvalidRequestError (bad cursor), AuthenticationError, and the transport errors.
   * @example
   * const page = await poy.webhooks.listDeliveries('we_123', { limit: 50 });
   * const next = page.nextCursor ? await poy.webhooks.listDeliveries('we_123', { before: page.nextCursor }) : null;
   */
  async listDeliveries(
    id: string,
    query: ListDeliveriesOptions = {},
    options?: RequestOptions,
  ): Promise<WebhookDeliveryPage> {
    return this.#transport.call({
      method: 'GET',
      path: `/api/poy/webhooks/${segment(id, 'id')}/deliveries`,
      query: { limit: query.limit, before: query.before },
      decode: decode.webhookDeliveryPage,
      options,
    });
  }

  /**
   * Sends a delivery again, with the same `webhook-id` and body
   * (`POST /api/poy/webhooks/{id}/deliveries/{deliveryId}/redeliver`).
   *
   * @throws NotFoundError, AuthenticationError, and the transport errors.
   * @example
   * await poy.webhooks.redeliver('we_123', 'msg_456');
   */
  async redeliver(id: string, deliveryId: string, options?: RequestOptions): Promise<RedeliveryResult> {
    return this.#transport.call({
      method: 'POST',
      path: `/api/poy/webhooks/${segment(id, 'id')}/deliveries/${segment(deliveryId, 'deliveryId')}/redeliver`,
      decode: decode.redeliveryResult,
      options,
    });
  }

  /**
   * Sends a `webhook.test` event to this endpoint only (`POST /api/poy/webhooks/{id}/test`).
   *
   * @throws NotFoundError, AuthenticationError, and the transport errors.
   * @example
   * const { deliveryId } = await poy.webhooks.test('we_123');
   */
  async test(id: string, options?: RequestOptions): Promise<TestEventResult> {
    return this.#transport.call({
      method: 'POST',
      path: `/api/poy/webhooks/${segment(id, 'id')}/test`,
      decode: decode.testEventResult,
      options,
    });
  }
}

/** Connect webhook destinations (docs/api.md §4.4): one per event type per project and mode. */
export class ConnectWebhooksResource {
  readonly #transport: Transport;

  /** @internal */
  constructor(transport: Transport) {
    this.#transport = transport;
  }

  /**
   * Sets the destination of one event type, replacing any (`POST /v1/webhook/admin/config/create_or_edit`).
   * The first call also returns the project's Connect signing secret (`secret`): store it.
   *
   * @throws InvalidRequestError (URL not allowed), AuthenticationError, and the transport errors.
   * @example
   * const saved = await poy.connect.webhooks.createOrEdit({ webhookType: 'USER_VERIFICATION_COMPLETED', destinationUrl: 'https://example.com/connect' });
   */
  async createOrEdit(input: ConnectWebhookInput, options?: RequestOptions): Promise<ConnectWebhookSaved> {
    return this.#transport.call({
      method: 'POST',
      path: '/v1/webhook/admin/config/create_or_edit',
      body: { webhook_type: input.webhookType, destination_url: input.destinationUrl },
      decode: decode.connectWebhookSaved,
      options,
    });
  }

  /**
   * This project's destinations for the key's mode (`POST /v1/webhook/admin/config/get`).
   *
   * @throws AuthenticationError and the transport errors.
   * @example
   * const { webhooks } = await poy.connect.webhooks.get();
   */
  async get(options?: RequestOptions): Promise<ConnectWebhookList> {
    return this.#transport.call({
      method: 'POST',
      path: '/v1/webhook/admin/config/get',
      idempotency: 'natural',
      body: {},
      decode: decode.connectWebhookList,
      options,
    });
  }

  /**
   * Removes the destination of one event type (`POST /v1/webhook/admin/config/delete`).
   *
   * @throws NotFoundError (none configured), AuthenticationError, and the transport errors.
   * @example
   * await poy.connect.webhooks.delete('USER_DELETED');
   */
  async delete(webhookType: ConnectEventType, options?: RequestOptions): Promise<ConnectWebhookDeleted> {
    return this.#transport.call({
      method: 'POST',
      path: '/v1/webhook/admin/config/delete',
      body: { webhook_type: webhookType },
      decode: decode.connectWebhookDeleted,
      options,
    });
  }

  /**
   * Replaces the Connect signing secret; the previous one keeps signing for 24 hours
   * (`POST /v1/webhook/admin/config/rotate_secret`).
   *
   * @throws AuthenticationError and the transport errors.
   * @example
   * const { secret } = await poy.connect.webhooks.rotateSecret();
   */
  async rotateSecret(options?: RequestOptions): Promise<ConnectSecretRotated> {
    return this.#transport.call({
      method: 'POST',
      path: '/v1/webhook/admin/config/rotate_secret',
      body: {},
      decode: decode.connectSecretRotated,
      options,
    });
  }
}

/** The Connect API (`/v1`, docs/api.md §4): options in camelCase, results as on the wire (snake_case). */
export class ConnectResource {
  readonly #transport: Transport;
  /** Webhook destinations. */
  readonly webhooks: ConnectWebhooksResource;

  /** @internal */
  constructor(transport: Transport) {
    this.#transport = transport;
    this.webhooks = new ConnectWebhooksResource(transport);
  }

  /**
   * Registers a user and returns an invite URL for the humanness check
   * (`POST /v1/business_connect_user/register`). Idempotent per `referenceUserId`.
   *
   * @throws InvalidRequestError (`INVALID_REQUEST`), AuthenticationError (`UNAUTHORIZED`), and the transport errors.
   * @example
   * const { invite_url, user_id } = await poy.connect.register({ referenceUserId: 'usr_123', redirectUrl: 'https://example.com/done' });
   */
  async register(input: ConnectRegisterInput, options?: RequestOptions): Promise<ConnectRegisterResult> {
    return this.#transport.call({
      method: 'POST',
      path: '/v1/business_connect_user/register',
      body: {
        reference_user_id: input.referenceUserId,
        ...(input.redirectUrl !== undefined ? { redirect_url: input.redirectUrl } : {}),
        ...(input.dataRequest !== undefined ? { data_request: { type: input.dataRequest.type } } : {}),
        ...(input.uniquenessRegionId !== undefined ? { uniqueness_region_id: input.uniquenessRegionId } : {}),
      },
      decode: decode.connectRegisterResult,
      options,
    });
  }

  /**
   * A user's verification status and, once verified, the requested data
   * (`POST /v1/business_connect_user/get_status`).
   *
   * @throws NotFoundError (`DOES_NOT_EXIST`), AuthenticationError, and the transport errors.
   * @example
   * const status = await poy.connect.getStatus({ referenceUserId: 'usr_123' });
   * if (status.verification_status === 'VERIFIED') console.log(status.simple_data_request_response);
   */
  async getStatus(user: ConnectUserRef, options?: RequestOptions): Promise<ConnectUserStatus> {
    return this.#transport.call({
      method: 'POST',
      path: '/v1/business_connect_user/get_status',
      idempotency: 'natural',
      body: connectUserBody(user),
      decode: decode.connectUserStatus,
      options,
    });
  }

  /**
   * Revokes a user's verification (`POST /v1/business_connect_user/revoke`); emits `USER_VERIFICATION_REVOKED`.
   *
   * @throws NotFoundError, AuthenticationError, and the transport errors.
   * @example
   * await poy.connect.revoke({ referenceUserId: 'usr_123' });
   */
  async revoke(user: ConnectUserRef, options?: RequestOptions): Promise<ConnectUserStatus> {
    return this.#transport.call({
      method: 'POST',
      path: '/v1/business_connect_user/revoke',
      body: connectUserBody(user),
      decode: decode.connectUserStatus,
      options,
    });
  }

  /**
   * Erases the link's personal data (`POST /v1/business_connect_user/delete`); emits `USER_DELETED`.
   * Afterwards the user is unknown until registered again.
   *
   * @throws NotFoundError, AuthenticationError, and the transport errors.
   * @example
   * await poy.connect.delete({ referenceUserId: 'usr_123' });
   */
  async delete(user: ConnectUserRef, options?: RequestOptions): Promise<ConnectDeleteResult> {
    return this.#transport.call({
      method: 'POST',
      path: '/v1/business_connect_user/delete',
      body: connectUserBody(user),
      decode: decode.connectDeleteResult,
      options,
    });
  }

  /**
   * Forces a sandbox outcome for a user's pending verification (`POST /v1/sandbox/outcome`; test keys only).
   *
   * @throws PermissionError (`FORBIDDEN`, with a live key), NotFoundError, and the transport errors.
   * @example
   * await poy.connect.sandboxOutcome({ referenceUserId: 'usr_123' }, 'verified');
   */
  async sandboxOutcome(
    user: ConnectUserRef,
    outcome: SandboxOutcome,
    options?: RequestOptions,
  ): Promise<ConnectUserStatus> {
    return this.#transport.call({
      method: 'POST',
      path: '/v1/sandbox/outcome',
      body: { ...connectUserBody(user), outcome },
      decode: decode.connectUserStatus,
      options,
    });
  }
}

/** Options of `verify`: the request fields and the per-call options. */
export interface VerifyOptions extends RequestOptions {
  /** `full` (default) or `quick`. */
  checkType?: 'full' | 'quick';
  /** Context of the request being checked. */
  metadata?: { ip?: string; userAgent?: string };
  /**
   * Where the hosted flow sends the person at the end, with a signed `poy_result` to check with
   * `verifyRedirectResult`. Must be on one of the project's redirect origins when it lists any.
   */
  redirectUrl?: string;
}

/** Options of `POYVerify.verifyRedirectResult`: those of {@link verifyRedirectResult} without the JWKS. */
export type VerifyRedirectResultWithClientOptions = Omit<VerifyRedirectResultOptions, 'jwks'>;

/**
 * The POY client.
 *
 * @example
 * import { POYVerify } from '@poyverify/sdk';
 * const poy = new POYVerify({ apiKey: 'your-api-key' });
 * const result = await poy.verify(userId);
 * if (result.isHuman) { // trusted user
 * }
 */
/** Verifications held for review and their decisions (docs/assurance.md §4). */
export class ReviewsResource {
  readonly #transport: Transport;

  /** @internal */
  constructor(transport: Transport) {
    this.#transport = transport;
  }

  /**
   * Verifications of the key's mode held for review, oldest first (`GET /api/poy/reviews`).
   *
   * @throws AuthenticationError and the transport errors.
   * @example
   * const { data } = await poy.reviews.list({ limit: 20 });
   */
  async list(
    query: { limit?: number } = {},
    options?: RequestOptions,
  ): Promise<{ data: HeldVerification[] }> {
    return this.#transport.call({
      method: 'GET',
      path: '/api/poy/reviews',
      query: { limit: query.limit },
      decode: decode.heldVerificationList,
      options,
    });
  }

  /**
   * Decides a held verification: `approve` (a different person) or `duplicate` (the same one)
   * (`POST /api/poy/reviews/{verificationId}`).
   *
   * @throws NotFoundError, ConflictError (decided already), AuthenticationError, and the transport errors.
   * @example
   * await poy.reviews.decide('vs_123', 'approve');
   */
  async decide(
    verificationId: string,
    decision: 'approve' | 'duplicate',
    options?: RequestOptions,
  ): Promise<ReviewDecision> {
    return this.#transport.call({
      method: 'POST',
      path: `/api/poy/reviews/${segment(verificationId, 'verificationId')}`,
      body: { decision },
      decode: decode.reviewDecision,
      options,
    });
  }
}

export class POYVerify {
  readonly #transport: Transport;
  #jwks: Promise<Jwks> | null = null;
  /** Passkey registration and sign-in. */
  readonly passkeys: PasskeysResource;
  /** Content stamps. */
  readonly stamps: StampsResource;
  /** Session tokens. */
  readonly sessions: SessionsResource;
  /** POY webhook endpoints. */
  readonly webhooks: WebhooksResource;
  /** Verifications held for review. */
  readonly reviews: ReviewsResource;
  /** The Connect API (`/v1`). */
  readonly connect: ConnectResource;

  /**
   * @param options `apiKey`; `baseUrl` (default `POY_BASE_URL`, else `http://localhost:8080`);
   * `timeoutMs` (default 10000); `maxRetries` (default 2); `fetch` (default global fetch); and the
   * retry tuning described on {@link POYVerifyOptions}.
   * @throws TypeError when `baseUrl` is not an http(s) URL, a number option is negative, or there is no
   * `fetch` (Node < 18 without a polyfill).
   */
  constructor(options: POYVerifyOptions = {}) {
    const fetchImplementation = options.fetch ?? globalThis.fetch?.bind(globalThis);
    if (typeof fetchImplementation !== 'function') {
      throw new TypeError('No fetch available: use Node.js 18+ or pass { fetch } to new POYVerify().');
    }
    this.#transport = new Transport({
      apiKey: options.apiKey,
      baseUrl: normaliseBaseUrl(options.baseUrl ?? environmentBaseUrl() ?? DEFAULT_BASE_URL),
      timeoutMs: nonNegative('timeoutMs', options.timeoutMs, 10_000),
      retry: {
        maxRetries: Math.floor(
          nonNegative('maxRetries', options.maxRetries, DEFAULT_RETRY_POLICY.maxRetries),
        ),
        initialDelayMs: nonNegative(
          'initialRetryDelayMs',
          options.initialRetryDelayMs,
          DEFAULT_RETRY_POLICY.initialDelayMs,
        ),
        maxDelayMs: nonNegative('maxRetryDelayMs', options.maxRetryDelayMs, DEFAULT_RETRY_POLICY.maxDelayMs),
        maxRetryAfterSeconds: nonNegative(
          'maxRetryAfterSeconds',
          options.maxRetryAfterSeconds,
          DEFAULT_RETRY_POLICY.maxRetryAfterSeconds,
        ),
      },
      fetch: fetchImplementation,
      sleep: options.sleep ?? abortableSleep,
      random: options.random ?? Math.random,
      createIdempotencyKey: randomUuid,
    });
    this.passkeys = new PasskeysResource(this.#transport);
    this.stamps = new StampsResource(this.#transport, this);
    this.sessions = new SessionsResource(this.#transport, this);
    this.webhooks = new WebhooksResource(this.#transport);
    this.reviews = new ReviewsResource(this.#transport);
    this.connect = new ConnectResource(this.#transport);
  }

  /** The base URL this client calls (after defaults and normalisation). */
  get baseUrl(): string {
    return this.#transport.baseUrl;
  }

  /**
   * Full human verification of a user (`POST /api/poy/verify`). A user who is not yet a verified human
   * gets `isHuman: false` plus `enrollmentUrl` and `expiresAt`: send the person there.
   *
   * @param userId Your id for the user.
   * @param options `checkType`, `metadata`, `redirectUrl`, and per-call options.
   * @throws InvalidRequestError, AuthenticationError, RateLimitError, APIError, ConnectionError, TimeoutError.
   * @example
   * const result = await poy.verify('usr_abc123');
   * if (result.isHuman) { // trusted user
   * } else if (result.enrollmentUrl) redirect(result.enrollmentUrl);
   */
  async verify(userId: string, options: VerifyOptions = {}): Promise<VerifyResult> {
    const { checkType, metadata, redirectUrl, ...requestOptions } = options;
    return this.#transport.call({
      method: 'POST',
      path: '/api/poy/verify',
      idempotency: 'natural',
      body: {
        userId,
        ...(checkType !== undefined ? { checkType } : {}),
        ...(metadata !== undefined ? { metadata } : {}),
        ...(redirectUrl !== undefined ? { redirectUrl } : {}),
      },
      decode: decode.verifyResult,
      options: requestOptions,
    });
  }

  /**
   * Quick boolean humanity check, the hot path (`GET /api/poy/check`).
   *
   * @throws InvalidRequestError, AuthenticationError, RateLimitError, and the transport errors.
   * @example
   * const { isHuman } = await poy.check('usr_abc123');
   */
  async check(userId: string, options?: RequestOptions): Promise<CheckResult> {
    return this.#transport.call({
      method: 'GET',
      path: '/api/poy/check',
      query: { userId },
      decode: decode.checkResult,
      options,
    });
  }

  /**
   * Public enrollment, no API key needed (`POST /api/poy/public-enroll`; 10 per minute per IP). Not
   * retried after network errors or 5xx (it may have acted); retried after 429.
   *
   * @throws InvalidRequestError, NotFoundError (unknown platform), RateLimitError, and the transport errors.
   * @example
   * const { enrollmentUrl } = await poy.publicEnroll({ email: 'jane@example.com', displayName: 'Jane Doe', platform: 'my-app' });
   */
  async publicEnroll(input: PublicEnrollInput, options?: RequestOptions): Promise<PublicEnrollResult> {
    return this.#transport.call({
      method: 'POST',
      path: '/api/poy/public-enroll',
      body: { email: input.email, displayName: input.displayName, platform: input.platform },
      authenticated: false,
      decode: decode.publicEnrollResult,
      options,
    });
  }

  /**
   * Public profile of a PoY ID, no API key needed (`GET /api/poy/profile/{poyId}`). Accepts
   * `PoY #00482A1` or `00482A1`.
   *
   * @throws NotFoundError, InvalidRequestError, and the transport errors.
   * @example
   * const profile = await poy.getProfile('PoY #00482A1');
   */
  async getProfile(poyId: string, options?: RequestOptions): Promise<Profile> {
    return this.#transport.call({
      method: 'GET',
      path: `/api/poy/profile/${segment(poyId, 'poyId')}`,
      authenticated: false,
      decode: decode.profile,
      options,
    });
  }

  /**
   * A user's trust score and factors (`GET /api/poy/trust/{userId}`).
   *
   * @throws NotFoundError (a userId this project has never seen), AuthenticationError, and the transport errors.
   * @example
   * const { trustScore, level } = await poy.getTrust('usr_abc123');
   */
  async getTrust(userId: string, options?: RequestOptions): Promise<TrustReport> {
    return this.#transport.call({
      method: 'GET',
      path: `/api/poy/trust/${segment(userId, 'userId')}`,
      decode: decode.trustReport,
      options,
    });
  }

  /**
   * Forces a sandbox outcome for a user (`POST /api/poy/sandbox/outcome`; `poy_test_` keys only):
   * `verified` makes the user a sandbox human, for your CI.
   *
   * @throws PermissionError (with a live key), InvalidRequestError, and the transport errors.
   * @example
   * await poy.sandboxOutcome('usr_ci_1', 'verified');
   */
  async sandboxOutcome(
    userId: string,
    outcome: SandboxOutcome,
    options?: RequestOptions,
  ): Promise<VerifyResult> {
    return this.#transport.call({
      method: 'POST',
      path: '/api/poy/sandbox/outcome',
      body: { userId, outcome },
      decode: decode.verifyResult,
      options,
    });
  }

  /**
   * The project the key belongs to (`GET /api/poy/project`): its public id is the `audience` of session tokens.
   *
   * @throws AuthenticationError and the transport errors.
   * @example
   * const { publicId, mode } = await poy.getProject();
   */
  async getProject(options?: RequestOptions): Promise<ProjectInfo> {
    return this.#transport.call({
      method: 'GET',
      path: '/api/poy/project',
      decode: decode.projectInfo,
      options,
    });
  }

  /**
   * The project's API keys, never their secrets (`GET /api/poy/keys`).
   *
   * @throws AuthenticationError and the transport errors.
   * @example
   * const { data } = await poy.listKeys();
   */
  async listKeys(options?: RequestOptions): Promise<{ data: ApiKeySummary[] }> {
    return this.#transport.call({
      method: 'GET',
      path: '/api/poy/keys',
      decode: decode.apiKeyList,
      options,
    });
  }

  /**
   * The deployment's public signing keys (`GET /.well-known/jwks.json`, no API key needed), for
   * `verifyStampOffline` and `verifySessionTokenOffline`. Always fetches; the `verifyOffline` methods cache.
   *
   * @throws APIError and the transport errors.
   * @example
   * const jwks = await poy.jwks();
   */
  async jwks(options?: RequestOptions): Promise<Jwks> {
    return this.#transport.call({
      method: 'GET',
      path: '/.well-known/jwks.json',
      authenticated: false,
      decode: decode.jwks,
      options,
    });
  }

  /**
   * Verifies the `poy_result` your redirect URL received when the hosted flow ended, offline with the
   * cached JWKS (refetched once for an unknown kid). Trust the outcome only from a valid result; check
   * that `referenceUserId` is the user you sent. See {@link verifyRedirectResult}.
   *
   * @throws The transport errors of fetching the JWKS.
   * @example
   * const result = await poy.verifyRedirectResult(new URL(request.url).searchParams.get('poy_result'), { projectId: 'proj_…', mode: 'live' });
   * if (result.valid && result.status === 'VERIFIED' && result.referenceUserId === session.userId) markVerified();
   */
  async verifyRedirectResult(
    token: string | null | undefined,
    options: VerifyRedirectResultWithClientOptions,
  ): Promise<RedirectResultCheck> {
    const first = await verifyRedirectResult(token, { ...options, jwks: await this.cachedJwks() });
    if (first.valid || first.reason !== 'unknown_key') return first;
    return verifyRedirectResult(token, { ...options, jwks: await this.cachedJwks({ refresh: true }) });
  }

  /**
   * The JWKS, fetched once and kept (refetched when `refresh` is set, or after a failed fetch).
   * Used by `stamps.verifyOffline`, `sessions.verifyOffline` and `verifyRedirectResult`.
   *
   * @throws The transport errors of the fetch.
   * @example
   * const jwks = await poy.cachedJwks();
   */
  async cachedJwks(options: { refresh?: boolean } = {}): Promise<JwksInput> {
    const cached = this.#jwks;
    if (cached !== null && !options.refresh) return cached;
    const fetching = this.jwks();
    this.#jwks = fetching;
    fetching.catch(() => {
      if (this.#jwks === fetching) this.#jwks = null;
    });
    return fetching;
  }
}
