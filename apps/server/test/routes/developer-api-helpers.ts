// Shared steps for the developer-API route tests (passkeys, sessions, stamps, JWKS): POY requests with a
// Bearer key, project users made verified in the store (live) or through the sandbox (test), and the
// passkey ceremonies driven by the soft authenticator in place of navigator.credentials.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { generatePoyCode } from '../../src/core/identity/poy-id.ts';
import { createId } from '../../src/core/ids.ts';
import {
  authenticationResponseSchema,
  creationOptionsSchema,
  requestOptionsSchema,
} from '../../src/http/schemas/webauthn-json.ts';
import type { KeyMode, Project } from '../../src/store/store.ts';
import { bodyOf, createTestApp, type TestApp } from '../harness.ts';
import type { AuthenticationOptions, SoftAuthenticator } from '../support/soft-authenticator.ts';

export const PUBLIC_URL = 'http://localhost:8080';
export const ORIGIN = 'http://localhost:8080';

export const REGISTER = '/api/poy/passkeys/register';
export const REGISTER_VERIFY = '/api/poy/passkeys/register/verify';
export const AUTH_OPTIONS = '/api/poy/passkeys/authenticate/options';
export const AUTHENTICATE = '/api/poy/passkeys/authenticate';
export const SESSIONS_VERIFY = '/api/poy/sessions/verify';
export const STAMPS = '/api/poy/stamps';
export const STAMPS_VERIFY = '/api/poy/stamps/verify';
export const JWKS = '/.well-known/jwks.json';

export function createDeveloperTestApp(): Promise<TestApp> {
  return createTestApp({ config: { publicUrl: PUBLIC_URL } });
}

export interface Reply {
  statusCode: number;
  body: string;
  headers: Record<string, unknown>;
  json: Record<string, unknown>;
}

export async function poyPost(harness: TestApp, key: string, url: string, payload: unknown): Promise<Reply> {
  const response = await harness.app.inject({
    method: 'POST',
    url,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    payload: JSON.stringify(payload),
  });
  return {
    statusCode: response.statusCode,
    body: response.body,
    headers: response.headers,
    json: bodyOf(response),
  };
}

export async function getJwks(harness: TestApp): Promise<Reply> {
  const response = await harness.app.inject({ method: 'GET', url: JWKS });
  return {
    statusCode: response.statusCode,
    body: response.body,
    headers: response.headers,
    json: bodyOf(response),
  };
}

/** Parses `reply.json` with `schema`, failing with the status and body when either is unexpected. */
export function expectBody<T>(reply: Reply, status: number, schema: z.ZodType<T>): T {
  assert.equal(reply.statusCode, status, `expected ${status}, got ${reply.statusCode}: ${reply.body}`);
  const parsed = schema.safeParse(reply.json);
  assert.ok(parsed.success, `unexpected body: ${reply.body}`);
  return parsed.data;
}

const poyError = z.object({
  error: z
    .object({ code: z.number().int(), message: z.string().min(1), type: z.string(), requestId: z.string() })
    .strict(),
});

/** Asserts a POY error of `status` and `type`, returning its message. */
export function expectError(reply: Reply, status: number, type: string): string {
  const { error } = expectBody(reply, status, poyError);
  assert.equal(error.code, status, reply.body);
  assert.equal(error.type, type, reply.body);
  return error.message;
}

/**
 * A project user whose Connect link is VERIFIED with a verified human, written through the store (the
 * sandbox only serves test mode; live needs a real phone flow, which the flow tests cover).
 */
export async function createVerifiedUser(
  harness: TestApp,
  input: { project: Project; mode: KeyMode; userId: string },
): Promise<{ connectUserId: string; humanId: string; poyId: string }> {
  const { store, clock } = harness;
  const now = clock.now();
  const human = await store.insertHuman({
    id: createId('hum'),
    mode: input.mode,
    poyCode: generatePoyCode(),
    status: 'verified',
    trustScore: 80,
    trustCeiling: 90,
    successfulVerifications: 1,
    verifiedAt: now,
    createdAt: now,
    updatedAt: now,
  });
  assert.ok(human, 'insertHuman');
  const user = await store.insertConnectUser({
    id: createId('bcu'),
    projectId: input.project.id,
    mode: input.mode,
    referenceUserId: input.userId,
    dataRequestType: 'GET_HUMANNESS_SCORE_AND_UNIQUE_HUMAN_ID',
    uniquenessRegionId: null,
    redirectUrl: null,
    createdAt: now,
    updatedAt: now,
  });
  assert.ok(user, 'insertConnectUser');
  await store.updateConnectUser(user.id, {
    status: 'VERIFIED',
    humanId: human.id,
    humannessScore: 80,
    verifiedAt: now,
    updatedAt: now,
  });
  return { connectUserId: user.id, humanId: human.id, poyId: `PoY #${human.poyCode}` };
}

/** Registers a passkey for `userId` through the API; returns its credential id. */
export async function registerPasskey(
  harness: TestApp,
  key: string,
  authenticator: SoftAuthenticator,
  userId: string,
  origin = ORIGIN,
): Promise<string> {
  const options = expectBody(
    await poyPost(harness, key, REGISTER, { userId, displayName: `User ${userId}` }),
    200,
    creationOptionsSchema,
  );
  const credential = authenticator.createRegistrationResponse(options, { origin });
  const verified = expectBody(
    await poyPost(harness, key, REGISTER_VERIFY, { userId, credential }),
    200,
    z.object({ verified: z.literal(true), credentialId: z.string() }),
  );
  assert.equal(verified.credentialId, credential.id);
  return verified.credentialId;
}

export type Assertion = z.infer<typeof authenticationResponseSchema>;

/** Request options (for `userId`, or discoverable) and the authenticator's assertion over them. */
export async function assertWithPasskey(
  harness: TestApp,
  key: string,
  authenticator: SoftAuthenticator,
  input: { userId?: string; settings?: Partial<AuthenticationOptions> } = {},
): Promise<Assertion> {
  const options = expectBody(
    await poyPost(harness, key, AUTH_OPTIONS, input.userId !== undefined ? { userId: input.userId } : {}),
    200,
    requestOptionsSchema,
  );
  return authenticationResponseSchema.parse(
    authenticator.createAuthenticationResponse(options, { origin: ORIGIN, ...input.settings }),
  );
}

/** The body of POST /api/poy/passkeys/authenticate for an assertion (docs/api.md §5 field names). */
export function signInBody(assertion: Assertion): Record<string, string> {
  return {
    credentialId: assertion.id,
    authenticatorData: assertion.response.authenticatorData,
    clientDataJSON: assertion.response.clientDataJSON,
    signature: assertion.response.signature,
    ...(assertion.response.userHandle !== undefined ? { userHandle: assertion.response.userHandle } : {}),
  };
}

export const signInAnswer = z.object({
  authenticated: z.literal(true),
  sessionToken: z.string().startsWith('poy_sess_'),
  expiresAt: z.iso.datetime(),
  userId: z.string(),
  credentialId: z.string(),
});

/** A full sign-in: options, assertion, authenticate; returns the answer. */
export async function signIn(
  harness: TestApp,
  key: string,
  authenticator: SoftAuthenticator,
  input: { userId?: string; settings?: Partial<AuthenticationOptions> } = {},
): Promise<z.infer<typeof signInAnswer>> {
  const assertion = await assertWithPasskey(harness, key, authenticator, input);
  return expectBody(await poyPost(harness, key, AUTHENTICATE, signInBody(assertion)), 200, signInAnswer);
}

export const stampAnswer = z
  .object({
    stampId: z.string().regex(/^stmp_[0-9a-f]{12}$/),
    signature: z.string().regex(/^ecdsa:[A-Za-z0-9_-]{86}$/),
    createdBy: z.string().regex(/^PoY #[0-9A-F]{7}$/),
    createdAt: z.iso.datetime(),
    keyId: z.string().startsWith('poy-stamp-'),
    format: z.literal('poy-stamp/v1'),
  })
  .strict();

export const stampVerification = z.object({
  valid: z.boolean(),
  createdBy: z.string(),
  contentType: z.string(),
  stampedAt: z.iso.datetime(),
  isHumanCreator: z.boolean(),
  keyId: z.string(),
});

export function sha256Of(text: string): string {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}
