// Drives the hosted phone flow (docs/flow-api.md) through app.inject() the way the phone page does,
// with the soft authenticator in place of navigator.credentials and synthetic pointer traces in place
// of a finger. Each step is its own function so security tests can stop, repeat or tamper with one
// step; runFlow strings them together for the common case. Responses are parsed with zod and every
// assertion message carries the response body.
import assert from 'node:assert/strict';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { LightMyRequestResponse } from 'fastify';
import { z } from 'zod';
import type { FrameLabel } from '../../src/core/liveness/liveness-moves.ts';
import type { ChallengeTrace } from '../../src/core/scoring/score-humanness.ts';
import { createTestApp, type TestApp } from '../harness.ts';
import { type CameraPerson, renderPersonFrames, takeDistinctPerson } from '../support/camera-person.ts';
import type {
  AuthenticationOptions,
  RegistrationOptions,
  SoftAuthenticator,
} from '../support/soft-authenticator.ts';
import { createSeededRandom, humanDrag, type RoundSynthesizer } from '../support/synthetic-traces.ts';

export const PUBLIC_URL = 'http://localhost:8080';
/** The RP's origin: PUBLIC_URL's origin (app.ts), so also the origin the authenticator reports. */
export const ORIGIN = 'http://localhost:8080';
/** The challenge area on the phone, CSS pixels; square, so a ring radius fraction means one thing. */
export const VIEWPORT = { width: 360, height: 360 };
export const PHONE_USER_AGENT =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';

/** What headless Chromium sends when nobody disguises it: a tell the server observes (docs/assurance.md §5). */
export const HEADLESS_CHROME_USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36';

export type Reply = LightMyRequestResponse;

export async function createFlowTestApp(config: { inviteTtlSeconds?: number } = {}): Promise<TestApp> {
  return createTestApp({ config: { publicUrl: PUBLIC_URL, ...config } });
}

/** Parses a reply's JSON body with `schema`, failing with the status and body when it does not fit. */
export function parseReply<T>(reply: Reply, schema: z.ZodType<T>, status = 200, context = ''): T {
  const where = context ? `${context}: ` : '';
  assert.equal(
    reply.statusCode,
    status,
    `${where}expected ${status}, got ${reply.statusCode}: ${reply.body}`,
  );
  const json: unknown = JSON.parse(reply.body);
  const parsed = schema.safeParse(json);
  assert.ok(parsed.success, `${where}unexpected body: ${reply.body}`);
  return parsed.data;
}

const poyErrorSchema = z
  .object({
    error: z
      .object({
        code: z.number().int(),
        message: z.string().min(1),
        type: z.string(),
        requestId: z.string().optional(),
      })
      .strict(),
  })
  .strict();

/** Asserts a POY-format error (docs/api.md §2) with this status and type; returns its message. */
export function expectPoyError(reply: Reply, status: number, type: string, context = ''): string {
  const { error } = parseReply(reply, poyErrorSchema, status, context);
  assert.equal(error.code, status, `${context} ${reply.body}`);
  assert.equal(error.type, type, `${context} ${reply.body}`);
  return error.message;
}

// --- Connect API -------------------------------------------------------------------------------------

const DATA_REQUEST_TYPES = ['GET_HUMANNESS_SCORE_AND_UNIQUE_HUMAN_ID', 'IS_PHONE_NUMBER_VERIFIED'] as const;
const STATUSES = ['PENDING', 'IN_REVIEW', 'VERIFIED', 'UNFULFILLABLE', 'REVOKED', 'EXPIRED'] as const;

export interface RegisterInput {
  reference_user_id: string;
  redirect_url?: string;
  data_request?: { type: (typeof DATA_REQUEST_TYPES)[number] };
  uniqueness_region_id?: string;
}

const registeredSchema = z
  .object({
    status: z.literal('success'),
    invite_url: z.string(),
    user_id: z.string().regex(/^bcu_/),
    connection_verified: z.boolean(),
  })
  .strict();

export interface RegisteredUser {
  userId: string;
  inviteUrl: string;
  code: string;
  connectionVerified: boolean;
}

/** The invite code is the last path segment of `<PUBLIC_URL>/i/<code>` (docs/api.md §4.1). */
export function inviteCodeOf(inviteUrl: string): string {
  const match = /^http:\/\/localhost:8080\/i\/([0-9A-Za-z]+)$/.exec(inviteUrl);
  assert.ok(match?.[1], `not an invite URL of ${PUBLIC_URL}: ${inviteUrl}`);
  return match[1];
}

export async function connectPost(
  harness: TestApp,
  apiKey: string,
  path: 'register' | 'get_status' | 'revoke' | 'delete',
  payload: Record<string, unknown>,
): Promise<Reply> {
  return harness.app.inject({
    method: 'POST',
    url: `/v1/business_connect_user/${path}`,
    headers: { 'api-key': apiKey },
    payload,
  });
}

export async function registerUser(
  harness: TestApp,
  apiKey: string,
  input: RegisterInput,
): Promise<RegisteredUser> {
  const body = parseReply(await connectPost(harness, apiKey, 'register', { ...input }), registeredSchema);
  return {
    userId: body.user_id,
    inviteUrl: body.invite_url,
    code: inviteCodeOf(body.invite_url),
    connectionVerified: body.connection_verified,
  };
}

export const scoreDataSchema = z
  .object({
    type: z.literal('GET_HUMANNESS_SCORE_AND_UNIQUE_HUMAN_ID'),
    humanness_score: z.number().int().min(0).max(100),
    unique_human_id: z.string().regex(/^uh_[A-Za-z0-9_-]+$/),
    uniqueness_region_id: z.string().nullable(),
  })
  .strict();
export const phoneDataSchema = z
  .object({ type: z.literal('IS_PHONE_NUMBER_VERIFIED'), is_phone_number_verified: z.literal(true) })
  .strict();

export const statusSchema = z
  .object({
    status: z.literal('success'),
    user_id: z.string(),
    reference_user_id: z.string(),
    connection_verified: z.boolean(),
    verification_status: z.enum(STATUSES),
    unfulfillable_reason: z.enum(['DUPLICATE_HUMAN', 'FAILED_CHECKS', 'EXPIRED']).nullable(),
    simple_data_request_response: z.union([scoreDataSchema, phoneDataSchema]).nullable(),
    expires_at: z.string().nullable(),
    verification_id: z.string().regex(/^vs_/).nullable(),
    assurance_level: z.enum(['none', 'passkey', 'liveness', 'unique']).nullable(),
    reasons: z.array(z.string()),
  })
  .strict();
export type ConnectStatus = z.infer<typeof statusSchema>;

export async function getStatus(
  harness: TestApp,
  apiKey: string,
  referenceUserId: string,
): Promise<ConnectStatus> {
  return parseReply(
    await connectPost(harness, apiKey, 'get_status', { reference_user_id: referenceUserId }),
    statusSchema,
  );
}

// --- Outbox ------------------------------------------------------------------------------------------

const ISO_MS_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const connectEventSchema = z
  .object({
    transaction_id: z.string().regex(/^ewh:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
    user_id: z.string().regex(/^bcu_/),
    reference_user_id: z.string(),
    type: z.enum([
      'USER_VERIFICATION_COMPLETED',
      'USER_VERIFICATION_REVOKED',
      'USER_VERIFICATION_DETERMINED_UNFULFILLABLE',
      'USER_DELETED',
    ]),
    payload: z.record(z.string(), z.unknown()),
    created_at: z.string().regex(ISO_MS_Z),
  })
  .strict();
export type ConnectEvent = z.infer<typeof connectEventSchema>;

/**
 * The project's Connect events in outbox order, each checked against docs/api.md §4.5: the stored body
 * parses, is exactly what will be delivered, and its type matches the row's.
 */
export async function listConnectEvents(harness: TestApp, projectId: string): Promise<ConnectEvent[]> {
  // Connect events only: the same changes also write POY events (docs/api.md §6), checked elsewhere.
  const rows = (await harness.store.listOutboxEvents({ projectId })).filter(
    (row) => row.surface === 'connect',
  );
  return rows.map((row) => {
    const delivered: unknown = JSON.parse(row.bodyJson);
    const parsed = connectEventSchema.safeParse(delivered);
    assert.ok(parsed.success, `outbox body does not match docs/api.md §4.5: ${row.bodyJson}`);
    assert.equal(row.surface, 'connect', row.bodyJson);
    assert.equal(row.eventType, parsed.data.type, row.bodyJson);
    assert.deepEqual(row.body, delivered, 'stored body and delivered bytes differ');
    return parsed.data;
  });
}

/** The single event of `type` for `userId`, failing when there is none or more than one. */
export function onlyEvent(events: ConnectEvent[], userId: string, type: ConnectEvent['type']): ConnectEvent {
  const matching = events.filter((event) => event.user_id === userId && event.type === type);
  assert.equal(matching.length, 1, `expected one ${type} for ${userId}, got ${JSON.stringify(events)}`);
  const [event] = matching;
  assert.ok(event);
  return event;
}

// --- Devices -----------------------------------------------------------------------------------------

/**
 * A browser's cookie jar. The flow binds an invite to the device that starts it, by a cookie
 * (docs/flow-api.md), so every flow request goes out as some device: the harness's current one
 * (one per harness by default, like one phone), or another made with `newDevice()`.
 */
export interface Device {
  cookies: Map<string, string>;
  /** The phone's public address (velocity limits count per address and network; docs/assurance.md §5). */
  remoteAddress: string;
}

let deviceCount = 0;

/** A phone of its own: a new cookie jar and a documentation-range address no other device here has. */
export function newDevice(): Device {
  deviceCount += 1;
  const network = [192, 198, 203][deviceCount % 3] ?? 203;
  const second = network === 192 ? 0 : network === 198 ? 51 : 0;
  const third = network === 192 ? 2 : network === 198 ? 100 : 113;
  // Spread over networks too, so that a test's many phones do not share a /24 by accident.
  return {
    cookies: new Map(),
    remoteAddress: `${network}.${second}.${(third + Math.floor(deviceCount / 250)) % 256}.${(deviceCount % 250) + 1}`,
  };
}

const currentDevices = new WeakMap<TestApp, Device>();

/** The device the flow helpers act as on this harness. */
export function currentDevice(harness: TestApp): Device {
  let device = currentDevices.get(harness);
  if (!device) {
    device = newDevice();
    currentDevices.set(harness, device);
  }
  return device;
}

/** From now on the flow helpers act as `device`; returns the device used so far. */
export function switchDevice(harness: TestApp, device: Device): Device {
  const previous = currentDevice(harness);
  currentDevices.set(harness, device);
  return previous;
}

/** Runs `fn` as `device`, then switches back. */
export async function asDevice<T>(harness: TestApp, device: Device, fn: () => Promise<T>): Promise<T> {
  const previous = switchDevice(harness, device);
  try {
    return await fn();
  } finally {
    switchDevice(harness, previous);
  }
}

function cookieHeaderOf(device: Device): Record<string, string> {
  if (device.cookies.size === 0) return {};
  return { cookie: [...device.cookies].map(([name, value]) => `${name}=${value}`).join('; ') };
}

function keepCookies(device: Device, reply: Reply): void {
  for (const cookie of reply.cookies) {
    if (cookie.maxAge !== undefined && cookie.maxAge <= 0) device.cookies.delete(cookie.name);
    else device.cookies.set(cookie.name, cookie.value);
  }
}

/** A request as `device` (default: the harness's current one), keeping the cookies it is sent. */
export async function injectAsDevice(
  harness: TestApp,
  request: {
    method: 'GET' | 'POST';
    url: string;
    payload?: Record<string, unknown>;
    headers?: Record<string, string>;
  },
  device: Device = currentDevice(harness),
): Promise<Reply> {
  const reply = await harness.app.inject({
    method: request.method,
    url: request.url,
    remoteAddress: device.remoteAddress,
    // The server reads the user agent from the header (docs/flow-api.md); a phone always sends one.
    headers: { 'user-agent': PHONE_USER_AGENT, ...request.headers, ...cookieHeaderOf(device) },
    ...(request.payload === undefined ? {} : { payload: request.payload }),
  });
  keepCookies(device, reply);
  return reply;
}

// --- The phone flow ----------------------------------------------------------------------------------

export async function postFlow(
  harness: TestApp,
  code: string,
  step: string,
  payload: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<Reply> {
  return injectAsDevice(harness, { method: 'POST', url: `/flow/${code}/${step}`, payload, headers });
}

const startSchema = z
  .object({
    status: z.enum(STATUSES),
    projectName: z.string(),
    sandbox: z.boolean(),
    dataRequestType: z.enum(DATA_REQUEST_TYPES),
    expiresAt: z.string().regex(ISO_MS_Z),
  })
  .strict();

export async function startFlow(
  harness: TestApp,
  code: string,
  input: { userAgent?: string } = {},
): Promise<z.infer<typeof startSchema>> {
  const reply = await postFlow(
    harness,
    code,
    'start',
    {},
    { 'user-agent': input.userAgent ?? PHONE_USER_AGENT },
  );
  return parseReply(reply, startSchema);
}

/** The parts of PublicKeyCredentialCreationOptionsJSON the authenticator and the tests read. */
const creationOptionsSchema = z.object({
  challenge: z.string().min(16),
  rp: z.object({ id: z.string().optional(), name: z.string() }),
  user: z.object({ id: z.string(), name: z.string(), displayName: z.string() }),
  authenticatorSelection: z
    .object({ residentKey: z.string().optional(), userVerification: z.string().optional() })
    .optional(),
});
const requestOptionsSchema = z.object({
  challenge: z.string().min(16),
  rpId: z.string().optional(),
  allowCredentials: z.array(z.object({ id: z.string() })).optional(),
  userVerification: z.string().optional(),
});

export async function fetchCreationOptions(harness: TestApp, code: string) {
  return parseReply(await postFlow(harness, code, 'passkey/registration-options'), creationOptionsSchema);
}

export async function fetchRequestOptions(harness: TestApp, code: string) {
  return parseReply(await postFlow(harness, code, 'passkey/authentication-options'), requestOptionsSchema);
}

/** Registration options → a new credential's response (not yet posted). */
export async function createPasskeyResponse(
  harness: TestApp,
  code: string,
  authenticator: SoftAuthenticator,
  settings: Omit<RegistrationOptions, 'origin'> = {},
): Promise<RegistrationResponseJSON> {
  const options = await fetchCreationOptions(harness, code);
  return authenticator.createRegistrationResponse(options, { origin: ORIGIN, ...settings });
}

/** Authentication options → an assertion (not yet posted). */
export async function createAssertionResponse(
  harness: TestApp,
  code: string,
  authenticator: SoftAuthenticator,
  settings: Omit<AuthenticationOptions, 'origin'> = {},
): Promise<AuthenticationResponseJSON> {
  const options = await fetchRequestOptions(harness, code);
  return authenticator.createAuthenticationResponse(options, { origin: ORIGIN, ...settings });
}

export async function submitRegistration(
  harness: TestApp,
  code: string,
  response: RegistrationResponseJSON,
): Promise<Reply> {
  return postFlow(harness, code, 'passkey/register', { response });
}

export async function submitAuthentication(
  harness: TestApp,
  code: string,
  response: AuthenticationResponseJSON,
): Promise<Reply> {
  return postFlow(harness, code, 'passkey/authenticate', { response });
}

const passkeyStepSchema = z
  .object({
    flowToken: z.string().min(32),
    poyId: z.string().regex(/^PoY #[0-9A-F]{7}$/),
    next: z.enum(['liveness', 'complete']),
  })
  .strict();
export type PasskeyStep = z.infer<typeof passkeyStepSchema>;

export function parsePasskeyStep(reply: Reply): PasskeyStep {
  return parseReply(reply, passkeyStepSchema);
}

const fraction = z.number().min(0).max(1);
const issuedRoundSchema = z
  .object({
    start: z.object({ x: fraction, y: fraction }).strict(),
    target: z.object({ x: fraction, y: fraction, radius: fraction }).strict(),
  })
  .strict();
export type IssuedRound = z.infer<typeof issuedRoundSchema>;
const challengeSchema = z
  .object({ challengeId: z.string().min(16), rounds: z.array(issuedRoundSchema).min(1) })
  .strict();
export type IssuedChallenge = z.infer<typeof challengeSchema>;

export async function requestChallenge(
  harness: TestApp,
  code: string,
  flowToken: string,
): Promise<IssuedChallenge> {
  return parseReply(await postFlow(harness, code, 'challenge', { flowToken }), challengeSchema);
}

/**
 * A trace answering the issued rounds in VIEWPORT pixels: each round starts at the issued start and
 * is synthesized with its own clock from 0 (as the page records it). The default hand drags the dot
 * into the ring, so it ends inside the issued target.
 */
export function buildTrace(
  rounds: readonly IssuedRound[],
  options: { synthesizer?: RoundSynthesizer; seed?: number } = {},
): ChallengeTrace {
  const random = createSeededRandom(options.seed ?? 1);
  const synthesize = options.synthesizer ?? humanDrag();
  const { width, height } = VIEWPORT;
  return {
    viewport: { ...VIEWPORT },
    rounds: rounds.map((round) =>
      synthesize({
        start: { x: round.start.x * width, y: round.start.y * height },
        target: {
          x: round.target.x * width,
          y: round.target.y * height,
          radius: round.target.radius * Math.min(width, height),
        },
        shownAtMs: 0,
        random,
      }),
    ),
  };
}

export interface CompleteInput {
  flowToken: string;
  challengeId?: string | null;
  trace?: ChallengeTrace | null;
  /** Sent as the request's User-Agent header. */
  userAgent?: string;
}

export async function submitCompletion(harness: TestApp, code: string, input: CompleteInput): Promise<Reply> {
  return postFlow(
    harness,
    code,
    'complete',
    { flowToken: input.flowToken, challengeId: input.challengeId ?? null, trace: input.trace ?? null },
    { 'user-agent': input.userAgent ?? PHONE_USER_AGENT },
  );
}

const outcomeSchema = z
  .object({
    status: z.enum(STATUSES),
    reasons: z.array(z.string()),
    redirectUrl: z.string().nullable(),
    assuranceLevel: z.enum(['none', 'passkey', 'liveness', 'unique']).nullable(),
  })
  .strict();
export type FlowOutcome = z.infer<typeof outcomeSchema>;

export function parseOutcome(reply: Reply): FlowOutcome {
  return parseReply(reply, outcomeSchema);
}

// --- The camera step --------------------------------------------------------------------------------

const livenessChallengeSchema = z
  .object({
    challengeId: z.string().min(16),
    moves: z
      .array(z.enum(['left', 'right', 'up', 'down']))
      .min(3)
      .max(4),
    moveTimeoutMs: z.number().int().positive(),
    expiresAt: z.string().regex(ISO_MS_Z),
    maxFrames: z.number().int().positive(),
    maxFrameBytes: z.number().int().positive(),
    attemptsLeft: z.number().int().min(0),
  })
  .strict();
export type LivenessChallenge = z.infer<typeof livenessChallengeSchema>;

export async function requestLivenessChallenge(
  harness: TestApp,
  code: string,
  flowToken: string,
): Promise<LivenessChallenge> {
  return parseReply(
    await postFlow(harness, code, 'liveness/challenge', { flowToken }),
    livenessChallengeSchema,
  );
}

const livenessAnswerSchema = z
  .object({
    passed: z.boolean(),
    reasons: z.array(z.string()),
    attemptsLeft: z.number().int().min(0),
    next: z.enum(['liveness', 'complete']),
  })
  .strict();
export type LivenessAnswer = z.infer<typeof livenessAnswerSchema>;

export interface UploadedFrame {
  move: FrameLabel;
  jpeg: Uint8Array;
}

export async function submitLivenessFrames(
  harness: TestApp,
  code: string,
  input: { flowToken: string; challengeId: string; frames: readonly UploadedFrame[] },
): Promise<Reply> {
  return postFlow(harness, code, 'liveness', {
    flowToken: input.flowToken,
    challengeId: input.challengeId,
    consent: true,
    frames: input.frames.map((frame) => ({
      move: frame.move,
      image: Buffer.from(frame.jpeg).toString('base64'),
    })),
  });
}

export function parseLivenessAnswer(reply: Reply): LivenessAnswer {
  return parseReply(reply, livenessAnswerSchema);
}

/** A person takes about this long per move; the server refuses answers faster than a person could give. */
export const PERSON_MS_PER_MOVE = 2_500;

/** The frames `person` shows for `challenge`: frontal, then each issued move in order. */
export async function framesFor(
  person: CameraPerson,
  challenge: LivenessChallenge,
): Promise<UploadedFrame[]> {
  const labels: FrameLabel[] = ['center', ...challenge.moves];
  const jpegs = await renderPersonFrames(person, labels);
  return labels.map((move, index) => ({ move, jpeg: jpegs[index] ?? new Uint8Array() }));
}

/** challenge → (the person takes their time) → frames → the server's answer. */
export async function runCameraStep(
  harness: TestApp,
  code: string,
  flowToken: string,
  person: CameraPerson,
): Promise<{ challenge: LivenessChallenge; answer: LivenessAnswer }> {
  const challenge = await requestLivenessChallenge(harness, code, flowToken);
  const frames = await framesFor(person, challenge);
  harness.clock.advanceBy(PERSON_MS_PER_MOVE * challenge.moves.length);
  const answer = parseLivenessAnswer(
    await submitLivenessFrames(harness, code, { flowToken, challengeId: challenge.challengeId, frames }),
  );
  return { challenge, answer };
}

const people = new WeakMap<SoftAuthenticator, CameraPerson>();

/** The person holding this phone: a new, distinct face for each authenticator unless given. */
export function personOf(authenticator: SoftAuthenticator): CameraPerson {
  let person = people.get(authenticator);
  if (!person) {
    person = takeDistinctPerson();
    people.set(authenticator, person);
  }
  return person;
}

/** Gives this phone to `person` (the same face on another phone is the same human). */
export function holdPhone(authenticator: SoftAuthenticator, person: CameraPerson): SoftAuthenticator {
  people.set(authenticator, person);
  return authenticator;
}

export interface RunFlowOptions {
  /** 'new': create a passkey (default); 'returning': sign in with the authenticator's newest one. */
  as?: 'new' | 'returning';
  registration?: Omit<RegistrationOptions, 'origin'>;
  authentication?: Omit<AuthenticationOptions, 'origin'>;
  /** Who is in front of the camera (default: the authenticator's person, personOf). */
  person?: CameraPerson;
  /** `pass` (default): do the camera step; a skip reason: take the camera-free path. */
  camera?: 'pass' | 'declined' | 'no_camera' | 'cannot_move';
  /** Sent as the User-Agent header of every step. */
  userAgent?: string;
  /** Also play the optional drag exercise, with this hand. */
  drag?: { synthesizer?: RoundSynthesizer; seed?: number };
}

export interface FlowRun {
  passkey: PasskeyStep;
  camera: { challenge: LivenessChallenge; answer: LivenessAnswer } | null;
  challenge: IssuedChallenge | null;
  reply: Reply;
}

/** start → passkey → camera (when asked) → complete, asserting every step before the last succeeds. */
export async function runFlow(
  harness: TestApp,
  code: string,
  authenticator: SoftAuthenticator,
  options: RunFlowOptions = {},
): Promise<FlowRun> {
  const userAgent = options.userAgent ?? PHONE_USER_AGENT;
  await startFlow(harness, code, { userAgent });
  const passkey =
    options.as === 'returning'
      ? parsePasskeyStep(
          await submitAuthentication(
            harness,
            code,
            await createAssertionResponse(harness, code, authenticator, options.authentication),
          ),
        )
      : parsePasskeyStep(
          await submitRegistration(
            harness,
            code,
            await createPasskeyResponse(harness, code, authenticator, options.registration),
          ),
        );
  let camera: FlowRun['camera'] = null;
  const mode = options.camera ?? 'pass';
  if (passkey.next === 'liveness' && mode === 'pass') {
    camera = await runCameraStep(harness, code, passkey.flowToken, options.person ?? personOf(authenticator));
    assert.equal(camera.answer.passed, true, `camera step: ${JSON.stringify(camera.answer)}`);
  } else if (passkey.next === 'liveness') {
    parseReply(
      await postFlow(harness, code, 'liveness/skip', { flowToken: passkey.flowToken, reason: mode }),
      z.object({ next: z.literal('complete') }).loose(),
    );
  }
  const challenge = options.drag ? await requestChallenge(harness, code, passkey.flowToken) : null;
  const reply = await submitCompletion(harness, code, {
    flowToken: passkey.flowToken,
    challengeId: challenge?.challengeId ?? null,
    trace: challenge
      ? buildTrace(challenge.rounds, {
          ...(options.drag?.synthesizer ? { synthesizer: options.drag.synthesizer } : {}),
          seed: options.drag?.seed ?? 1,
        })
      : null,
    userAgent,
  });
  return { passkey, camera, challenge, reply };
}

/** Registers `referenceUserId` with the key and runs the whole flow on its invite. */
export async function registerAndRunFlow(
  harness: TestApp,
  apiKey: string,
  input: RegisterInput,
  authenticator: SoftAuthenticator,
  options: RunFlowOptions = {},
): Promise<FlowRun & { user: RegisteredUser }> {
  const user = await registerUser(harness, apiKey, input);
  return { user, ...(await runFlow(harness, user.code, authenticator, options)) };
}
