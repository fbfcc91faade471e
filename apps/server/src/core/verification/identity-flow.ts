// The phone flow behind an invite (docs/flow-api.md). Threats and answers:
// - A stolen or guessed invite URL: codes carry 128 bits; a session completes at most once and expires.
// - A replayed WebAuthn response: every challenge is single-use (consumed atomically) and expires in
//   minutes; the response's challenge must be the one issued for this very session.
// - Someone else finishing a flow a person started: the passkey step returns a flow token, stored only
//   as a hash and compared in constant time, without which the flow cannot continue.
// - Scripts posting a canned trace: the challenge rounds are random per attempt and single-use, and the
//   trace must match the issued positions; the behavioural model scores the movement itself.
// Stored: the passkey's public key and counters, hashed user agents, and the assessment. No images.
import { createHmac, randomInt } from 'node:crypto';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { decodeClientDataJSON, isoBase64URL } from '@simplewebauthn/server/helpers';
import { z } from 'zod';
import type {
  ConnectUserKey,
  ConnectUserStatus,
  Human,
  SessionOutcome,
  StoreOperations,
  VerificationSession,
} from '../../store/store.ts';
import type { CoreContext } from '../context.ts';
import { formatPoyId, generatePoyCode } from '../identity/poy-id.ts';
import { createId, randomBase62 } from '../ids.ts';
import {
  type ChallengeTrace,
  type HumannessAssessment,
  isHuman,
  scoreHumanness,
} from '../scoring/score-humanness.ts';
import { digestsEqual, hashToken } from '../token-digest.ts';
import { startNewAttempt } from './connect-users.ts';
import { finishVerification, type VerificationAssessment } from './finish-verification.ts';
import { INVITE_CODE_PATTERN } from './invite-codes.ts';
import { expireVerificationSession, inviteStatusOf } from './verification-sessions.ts';

const WEBAUTHN_CHALLENGE_TTL_MS = 5 * 60_000;
const INTERACTION_CHALLENGE_TTL_MS = 10 * 60_000;
const WEBAUTHN_TIMEOUT_MS = 120_000;
const CHALLENGE_ROUNDS = 3;
/** How far (as a fraction of the area) a reported position may sit from the issued one. */
const POSITION_TOLERANCE = 0.08;

export type FlowFailure =
  | 'invite_not_found'
  | 'invite_expired'
  | 'invite_finished'
  | 'flow_token_invalid'
  | 'challenge_invalid'
  | 'trace_mismatch'
  | 'passkey_invalid'
  | 'passkey_unknown'
  | 'sandbox_only'
  | 'identity_has_passkey';

export type FlowResult<T> = { ok: true; value: T } | { ok: false; reason: FlowFailure };

const fail = <T>(reason: FlowFailure): FlowResult<T> => ({ ok: false, reason });
const succeed = <T>(value: T): FlowResult<T> => ({ ok: true, value });

const passkeySignalsSchema = z.object({
  userVerified: z.boolean(),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).nullable(),
  credentialBackedUp: z.boolean(),
  credentialDeviceType: z.enum(['singleDevice', 'multiDevice']),
  returningCredential: z.boolean(),
});
type PasskeySignals = z.infer<typeof passkeySignalsSchema>;

const webauthnChallengePayload = z.object({ sessionId: z.string(), humanId: z.string().optional() });
const fraction = z.number().min(0).max(1);
const issuedRound = z.object({
  start: z.object({ x: fraction, y: fraction }),
  target: z.object({ x: fraction, y: fraction, radius: fraction }),
});
export type IssuedRound = z.infer<typeof issuedRound>;
const interactionPayload = z.object({ sessionId: z.string(), rounds: z.array(issuedRound) });

export function hashUserAgent(deps: Pick<CoreContext, 'secrets'>, userAgent: string): string {
  return createHmac('sha256', deps.secrets.userAgentKey).update(userAgent).digest('hex');
}

/** Finds the session behind an invite code (any state), or null for a malformed or unknown code. */
export async function findSessionByInviteCode(
  deps: Pick<CoreContext, 'store'>,
  code: string,
  tx?: StoreOperations,
  options: { forUpdate?: boolean } = {},
): Promise<VerificationSession | null> {
  if (!INVITE_CODE_PATTERN.test(code)) return null;
  return (tx ?? deps.store).findSessionByInviteHash(hashToken(code), options);
}

/** Loads a session that can still be worked on, expiring it (with its event) if its time is up. */
async function requirePendingSession(
  tx: StoreOperations,
  deps: CoreContext,
  code: string,
): Promise<FlowResult<VerificationSession>> {
  const session = await findSessionByInviteCode(deps, code, tx, { forUpdate: true });
  if (!session) return fail('invite_not_found');
  if (session.status === 'EXPIRED') return fail('invite_expired');
  if (session.status !== 'PENDING') return fail('invite_finished');
  if (session.expiresAt <= deps.clock.now()) {
    await expireVerificationSession(tx, deps, session);
    return fail('invite_expired');
  }
  return succeed(session);
}

/** Expiry must persist even though the caller's request fails, so it runs in its own transaction. */
async function withPendingSession<T>(
  deps: CoreContext,
  code: string,
  fn: (tx: StoreOperations, session: VerificationSession) => Promise<FlowResult<T>>,
): Promise<FlowResult<T>> {
  return deps.store.transaction(async (tx) => {
    const pending = await requirePendingSession(tx, deps, code);
    if (!pending.ok) return fail(pending.reason);
    return fn(tx, pending.value);
  });
}

/**
 * For the steps that only hand something out (WebAuthn options, the interaction challenge): the same
 * refusals as the writing steps, so an invite past its time is expired on the spot (with its event)
 * and answered as expired rather than served or reported as "already used". The common case (pending,
 * in time) needs no transaction.
 */
async function requireOpenSession(deps: CoreContext, code: string): Promise<FlowResult<VerificationSession>> {
  const session = await findSessionByInviteCode(deps, code);
  if (!session) return fail('invite_not_found');
  if (session.status === 'PENDING' && session.expiresAt > deps.clock.now()) return succeed(session);
  return withPendingSession(deps, code, async (_tx, pending) => succeed(pending));
}

export interface FlowStart {
  status: ConnectUserStatus;
  projectName: string;
  sandbox: boolean;
  dataRequestType: string;
  expiresAt: Date;
}

export async function startFlow(
  deps: CoreContext,
  code: string,
  input: { userAgent: string },
): Promise<FlowResult<FlowStart>> {
  return withPendingSession(deps, code, async (tx, session) => {
    const project = await tx.findProjectById(session.projectId);
    const user = session.connectUserId ? await tx.findConnectUserById(session.connectUserId) : null;
    await tx.updateVerificationSession(session.id, {
      startedAt: session.startedAt ?? deps.clock.now(),
      userAgentHashHex: hashUserAgent(deps, input.userAgent),
    });
    return succeed({
      status: inviteStatusOf(session),
      projectName: project?.name ?? '',
      sandbox: session.mode === 'test',
      dataRequestType: user?.dataRequestType ?? 'GET_HUMANNESS_SCORE_AND_UNIQUE_HUMAN_ID',
      expiresAt: session.expiresAt,
    });
  });
}

async function storeWebauthnChallenge(
  deps: CoreContext,
  purpose: string,
  challenge: string,
  payload: z.infer<typeof webauthnChallengePayload>,
  projectId: string,
): Promise<void> {
  const now = deps.clock.now();
  await deps.store.insertChallenge({
    id: createId('ch'),
    projectId,
    purpose,
    tokenHashHex: hashToken(challenge),
    payload,
    expiresAt: new Date(now.getTime() + WEBAUTHN_CHALLENGE_TTL_MS),
    createdAt: now,
  });
}

/** Consumes the challenge the browser signed, if it is the one issued for this session. */
async function consumeWebauthnChallenge(
  tx: StoreOperations,
  deps: CoreContext,
  purpose: string,
  clientDataJSON: string,
  sessionId: string,
): Promise<{ challenge: string; humanId: string | undefined } | null> {
  let challenge: string;
  try {
    challenge = decodeClientDataJSON(clientDataJSON).challenge;
  } catch {
    return null;
  }
  const consumed = await tx.consumeChallenge({
    purpose,
    tokenHashHex: hashToken(challenge),
    now: deps.clock.now(),
  });
  const payload = webauthnChallengePayload.safeParse(consumed?.payload);
  if (!payload.success || payload.data.sessionId !== sessionId) return null;
  return { challenge, humanId: payload.data.humanId };
}

/**
 * Ends either passkey ceremony the same way: the session now belongs to this human, keeps what the
 * passkey showed (for scoring at completion), and is bound to this browser by a flow token, stored
 * only as a hash.
 */
async function bindPasskeyStep(
  tx: StoreOperations,
  session: VerificationSession,
  human: Human,
  observed: {
    info: {
      userVerified: boolean;
      credentialBackedUp: boolean;
      credentialDeviceType: 'singleDevice' | 'multiDevice';
    };
    attachment: 'platform' | 'cross-platform' | undefined;
    returningCredential: boolean;
  },
  next: PasskeyStepResult['next'],
): Promise<FlowResult<PasskeyStepResult>> {
  const signals: PasskeySignals = {
    userVerified: observed.info.userVerified,
    authenticatorAttachment: observed.attachment ?? null,
    credentialBackedUp: observed.info.credentialBackedUp,
    credentialDeviceType: observed.info.credentialDeviceType,
    returningCredential: observed.returningCredential,
  };
  const flowToken = `flow_${randomBase62(32)}`;
  await tx.updateVerificationSession(session.id, {
    humanId: human.id,
    flowTokenHashHex: hashToken(flowToken),
    passkeySignals: signals,
  });
  return succeed({ flowToken, poyId: formatPoyId(human.poyCode), next });
}

export async function createIdentityRegistrationOptions(
  deps: CoreContext,
  code: string,
): Promise<FlowResult<PublicKeyCredentialCreationOptionsJSON>> {
  const open = await requireOpenSession(deps, code);
  if (!open.ok) return fail(open.reason);
  const session = open.value;
  // An enrollment session already has its (pending) human; otherwise a new identity is being made.
  const humanId = session.humanId ?? createId('hum');
  const options = await generateRegistrationOptions({
    rpName: deps.webauthn.rpName,
    rpID: deps.webauthn.rpId,
    userName: 'PoY identity',
    userDisplayName: 'PoY identity',
    userID: new TextEncoder().encode(humanId),
    attestationType: 'none',
    // WebAuthn §5.4.4: a discoverable credential lets a returning person sign in without a username;
    // user verification is required because it is the liveness signal.
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    supportedAlgorithmIDs: [-7, -257],
    timeout: WEBAUTHN_TIMEOUT_MS,
  });
  await storeWebauthnChallenge(
    deps,
    'flow_registration',
    options.challenge,
    { sessionId: session.id, humanId },
    session.projectId,
  );
  return succeed(options);
}

export interface PasskeyStepResult {
  flowToken: string;
  poyId: string;
  next: 'challenge' | 'complete';
}

async function insertHumanWithFreshCode(
  tx: StoreOperations,
  deps: CoreContext,
  input: { id: string; mode: VerificationSession['mode'] },
): Promise<Human> {
  const now = deps.clock.now();
  for (let attempt = 0; attempt < 8; attempt++) {
    const human = await tx.insertHuman({
      id: input.id,
      mode: input.mode,
      poyCode: generatePoyCode(),
      status: 'pending',
      trustScore: 0,
      trustCeiling: 0,
      successfulVerifications: 0,
      createdAt: now,
      updatedAt: now,
    });
    if (human) return human;
  }
  throw new Error('Could not draw a free PoY code');
}

export async function verifyIdentityRegistration(
  deps: CoreContext,
  code: string,
  response: RegistrationResponseJSON,
): Promise<FlowResult<PasskeyStepResult>> {
  return withPendingSession(deps, code, async (tx, session) => {
    const issued = await consumeWebauthnChallenge(
      tx,
      deps,
      'flow_registration',
      response.response.clientDataJSON,
      session.id,
    );
    if (!issued?.humanId) return fail('challenge_invalid');
    let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
    try {
      // User verification is checked by the scoring (as the liveness factor) rather than here, so that
      // a passkey without it ends the attempt with a reason code instead of a bare error.
      verification = await verifyRegistrationResponse({
        response,
        expectedChallenge: issued.challenge,
        expectedOrigin: deps.webauthn.origin,
        expectedRPID: deps.webauthn.rpId,
        requireUserVerification: false,
      });
    } catch {
      return fail('passkey_invalid');
    }
    if (!verification.verified) return fail('passkey_invalid');
    const info = verification.registrationInfo;
    if (await tx.findHumanPasskey(info.credential.id)) return fail('passkey_invalid');

    const enrollee =
      session.purpose === 'enrollment' && session.humanId ? await tx.findHumanById(session.humanId) : null;
    if (session.purpose === 'enrollment' && (!enrollee || enrollee.id !== issued.humanId))
      return fail('challenge_invalid');
    // Public enrollment proves nothing about who holds an e-mail address, so an identity that already
    // has a passkey is entered only with that passkey: a second enrollment link must never let someone
    // else add theirs to it.
    if (enrollee && (await tx.countHumanPasskeys(enrollee.id)) > 0) return fail('identity_has_passkey');
    const human =
      enrollee ?? (await insertHumanWithFreshCode(tx, deps, { id: issued.humanId, mode: session.mode }));
    await tx.insertHumanPasskey({
      credentialId: info.credential.id,
      humanId: human.id,
      publicKeyBase64Url: isoBase64URL.fromBuffer(info.credential.publicKey),
      signCount: info.credential.counter,
      transports: info.credential.transports ?? [],
      deviceType: info.credentialDeviceType,
      backedUp: info.credentialBackedUp,
      aaguid: info.aaguid,
      createdAt: deps.clock.now(),
      lastUsedAt: null,
    });
    return bindPasskeyStep(
      tx,
      session,
      human,
      { info, attachment: response.authenticatorAttachment, returningCredential: false },
      'challenge',
    );
  });
}

export async function createIdentityAuthenticationOptions(
  deps: CoreContext,
  code: string,
): Promise<FlowResult<PublicKeyCredentialRequestOptionsJSON>> {
  const open = await requireOpenSession(deps, code);
  if (!open.ok) return fail(open.reason);
  const session = open.value;
  // No allowCredentials: the person picks their discoverable PoY passkey (usernameless sign-in).
  const options = await generateAuthenticationOptions({
    rpID: deps.webauthn.rpId,
    userVerification: 'required',
    timeout: WEBAUTHN_TIMEOUT_MS,
  });
  await storeWebauthnChallenge(
    deps,
    'flow_authentication',
    options.challenge,
    { sessionId: session.id },
    session.projectId,
  );
  return succeed(options);
}

function isUserHandleOf(userHandle: string | undefined, humanId: string): boolean {
  if (!userHandle) return false;
  try {
    return isoBase64URL.toUTF8String(userHandle) === humanId;
  } catch {
    return false;
  }
}

export async function verifyIdentityAuthentication(
  deps: CoreContext,
  code: string,
  response: AuthenticationResponseJSON,
): Promise<FlowResult<PasskeyStepResult>> {
  return withPendingSession(deps, code, async (tx, session) => {
    const issued = await consumeWebauthnChallenge(
      tx,
      deps,
      'flow_authentication',
      response.response.clientDataJSON,
      session.id,
    );
    if (!issued) return fail('challenge_invalid');
    const passkey = await tx.findHumanPasskey(response.id);
    const human = passkey ? await tx.findHumanById(passkey.humanId) : null;
    // A live identity is never used in the sandbox and vice versa; an enrollment is for its own enrollee.
    if (!passkey || !human || human.mode !== session.mode) return fail('passkey_unknown');
    if (session.purpose === 'enrollment' && session.humanId !== human.id) return fail('passkey_unknown');
    // WebAuthn §7.2 step 6: nobody was identified before this (discoverable) ceremony, so the response
    // must carry a user handle and it must be the credential's owner (registered as the human's id).
    if (!isUserHandleOf(response.response.userHandle, human.id)) return fail('passkey_invalid');
    let verification: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
    try {
      // Also enforces the signature counter (WebAuthn §6.1.1): a counter that does not increase is a
      // sign of a cloned authenticator and fails verification.
      verification = await verifyAuthenticationResponse({
        response,
        expectedChallenge: issued.challenge,
        expectedOrigin: deps.webauthn.origin,
        expectedRPID: deps.webauthn.rpId,
        credential: {
          id: passkey.credentialId,
          publicKey: isoBase64URL.toBuffer(passkey.publicKeyBase64Url),
          counter: passkey.signCount,
          transports: z
            .array(z.enum(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']))
            .catch([])
            .parse(passkey.transports),
        },
        requireUserVerification: false,
      });
    } catch {
      return fail('passkey_invalid');
    }
    if (!verification.verified) return fail('passkey_invalid');
    const info = verification.authenticationInfo;
    await tx.recordHumanPasskeyUse({
      credentialId: passkey.credentialId,
      signCount: info.newCounter,
      backedUp: info.credentialBackedUp,
      usedAt: deps.clock.now(),
    });
    return bindPasskeyStep(
      tx,
      session,
      human,
      { info, attachment: response.authenticatorAttachment, returningCredential: true },
      // Contract §9: a verified person joins a new scope without repeating the check.
      human.status === 'verified' ? 'complete' : 'challenge',
    );
  });
}

function isFlowTokenValid(session: VerificationSession, flowToken: string): boolean {
  return session.flowTokenHashHex !== null && digestsEqual(hashToken(flowToken), session.flowTokenHashHex);
}

/** Random start and target per round, far enough apart that a drag shows its shape. */
function drawRounds(): IssuedRound[] {
  const position = () => randomInt(15, 86) / 100;
  return Array.from({ length: CHALLENGE_ROUNDS }, () => {
    for (;;) {
      const start = { x: position(), y: position() };
      const target = { x: position(), y: position(), radius: 0.09 };
      if (Math.hypot(target.x - start.x, target.y - start.y) >= 0.4) return { start, target };
    }
  });
}

export async function issueInteractionChallenge(
  deps: CoreContext,
  code: string,
  flowToken: string,
): Promise<FlowResult<{ challengeId: string; rounds: IssuedRound[] }>> {
  const open = await requireOpenSession(deps, code);
  if (!open.ok) return fail(open.reason);
  const session = open.value;
  if (!isFlowTokenValid(session, flowToken)) return fail('flow_token_invalid');
  const rounds = drawRounds();
  const challengeId = randomBase62(32);
  const now = deps.clock.now();
  await deps.store.insertChallenge({
    id: createId('ch'),
    projectId: session.projectId,
    purpose: 'interaction',
    tokenHashHex: hashToken(challengeId),
    payload: { sessionId: session.id, rounds },
    expiresAt: new Date(now.getTime() + INTERACTION_CHALLENGE_TTL_MS),
    createdAt: now,
  });
  return succeed({ challengeId, rounds });
}

/** The reported rounds must be the issued ones (positions as fractions of the challenge area). */
function matchesIssuedRounds(trace: ChallengeTrace, rounds: IssuedRound[]): boolean {
  const { width, height } = trace.viewport;
  if (trace.rounds.length !== rounds.length || width <= 0 || height <= 0) return false;
  const near = (a: number, b: number) => Math.abs(a - b) <= POSITION_TOLERANCE;
  return rounds.every((issued, index) => {
    const reported = trace.rounds[index];
    return (
      reported !== undefined &&
      near(reported.start.x / width, issued.start.x) &&
      near(reported.start.y / height, issued.start.y) &&
      near(reported.target.x / width, issued.target.x) &&
      near(reported.target.y / height, issued.target.y)
    );
  });
}

function toVerificationAssessment(assessment: HumannessAssessment): VerificationAssessment {
  return {
    score: assessment.score,
    ceiling: assessment.ceiling,
    factors: assessment.factors,
    checks: assessment.checks,
    reasons: assessment.reasons,
    modelVersion: assessment.modelVersion,
  };
}

export interface CompleteFlowInput {
  flowToken: string;
  challengeId: string | null;
  userAgent: string;
  webdriver: boolean;
  trace: ChallengeTrace | null;
}

export interface FlowOutcome {
  status: ConnectUserStatus;
  outcome: SessionOutcome;
  reasons: string[];
  sessionId: string;
  connectUserId: string | null;
}

function toFlowOutcome(
  session: VerificationSession,
  outcome: SessionOutcome,
  reasons: string[],
): FlowOutcome {
  const status: ConnectUserStatus =
    outcome === 'verified' ? 'VERIFIED' : outcome === 'expired' ? 'EXPIRED' : 'UNFULFILLABLE';
  return { status, outcome, reasons, sessionId: session.id, connectUserId: session.connectUserId };
}

export async function completeFlow(
  deps: CoreContext,
  code: string,
  input: CompleteFlowInput,
): Promise<FlowResult<FlowOutcome>> {
  return withPendingSession(deps, code, async (tx, session) => {
    if (!isFlowTokenValid(session, input.flowToken) || !session.humanId) return fail('flow_token_invalid');
    const human = await tx.findHumanById(session.humanId);
    const signals = passkeySignalsSchema.safeParse(session.passkeySignals);
    if (!human || !signals.success) return fail('flow_token_invalid');

    const joiningAsVerified = human.status === 'verified' && signals.data.returningCredential;
    if (input.challengeId !== null) {
      const consumed = await tx.consumeChallenge({
        purpose: 'interaction',
        tokenHashHex: hashToken(input.challengeId),
        now: deps.clock.now(),
      });
      const payload = interactionPayload.safeParse(consumed?.payload);
      if (!payload.success || payload.data.sessionId !== session.id) return fail('challenge_invalid');
      if (input.trace && !matchesIssuedRounds(input.trace, payload.data.rounds))
        return fail('trace_mismatch');
    } else if (!joiningAsVerified) {
      return fail('challenge_invalid');
    }

    const now = deps.clock.now();
    const assessment = scoreHumanness({
      ...signals.data,
      // Both sides are keyed hashes of the user agent: equal exactly when the strings are.
      userAgentAtStart: session.userAgentHashHex,
      userAgentAtFinish: hashUserAgent(deps, input.userAgent),
      webdriver: input.webdriver,
      trace: input.challengeId === null ? null : input.trace,
      priorBehavioralFactor:
        joiningAsVerified && input.challengeId === null ? (human.factors?.behavioral ?? null) : null,
      emailVerified: false,
      phoneVerified: false,
      history: {
        accountAgeDays: (now.getTime() - human.createdAt.getTime()) / 86_400_000,
        successfulVerifications: human.successfulVerifications,
      },
    });
    const project = await tx.findProjectById(session.projectId);
    const verified = project !== null && isHuman(assessment, project.trustThreshold);
    const finished = await finishVerification(tx, deps, {
      session,
      human,
      outcome: verified ? 'verified' : 'failed',
      assessment: toVerificationAssessment(assessment),
    });
    const reasons = finished.outcome === 'duplicate' ? ['DUPLICATE_HUMAN'] : assessment.reasons;
    return succeed(toFlowOutcome(finished.session, finished.outcome, reasons));
  });
}

/** What a sandbox human looks like: a clean first verification under the current model. */
function sandboxAssessment(): VerificationAssessment {
  const assessment = scoreHumanness({
    userVerified: true,
    authenticatorAttachment: 'platform',
    credentialBackedUp: false,
    credentialDeviceType: 'singleDevice',
    returningCredential: false,
    userAgentAtStart: 'sandbox',
    userAgentAtFinish: 'sandbox',
    webdriver: false,
    trace: null,
    priorBehavioralFactor: 100,
    emailVerified: false,
    phoneVerified: false,
    history: { accountAgeDays: 0, successfulVerifications: 0 },
  });
  return { ...toVerificationAssessment(assessment), modelVersion: `${assessment.modelVersion}+sandbox` };
}

export type SandboxOutcome = 'verified' | 'failed' | 'duplicate' | 'expired';

/**
 * Contract §1: forces `outcome` for the session deterministically (test mode only). `verified` gives
 * the session a fresh sandbox human.
 */
export async function forceSandboxOutcome(
  tx: StoreOperations,
  deps: CoreContext,
  session: VerificationSession,
  outcome: SandboxOutcome,
): Promise<FlowResult<FlowOutcome>> {
  if (session.mode !== 'test') return fail('sandbox_only');
  if (outcome === 'expired') {
    await expireVerificationSession(tx, deps, session);
    return succeed(toFlowOutcome(session, 'expired', []));
  }
  if (outcome === 'verified') {
    const assessment = sandboxAssessment();
    const created = await insertHumanWithFreshCode(tx, deps, { id: createId('hum'), mode: 'test' });
    const finished = await finishVerification(tx, deps, {
      session,
      human: created,
      outcome: 'verified',
      assessment,
    });
    return succeed(toFlowOutcome(finished.session, finished.outcome, []));
  }
  const finished = await finishVerification(tx, deps, { session, human: null, outcome, assessment: null });
  return succeed(
    toFlowOutcome(finished.session, finished.outcome, outcome === 'duplicate' ? ['DUPLICATE_HUMAN'] : []),
  );
}

/** The phone page's sandbox buttons. */
export async function forceSandboxOutcomeForInvite(
  deps: CoreContext,
  code: string,
  outcome: SandboxOutcome,
): Promise<FlowResult<FlowOutcome>> {
  return withPendingSession(deps, code, (tx, session) => forceSandboxOutcome(tx, deps, session, outcome));
}

/** `POST /v1/sandbox/outcome`: the user's pending session, opened if there is none. */
export async function forceSandboxOutcomeForConnectUser(
  deps: CoreContext,
  input: ConnectUserKey,
  outcome: SandboxOutcome,
): Promise<FlowResult<FlowOutcome> | null> {
  if (input.mode !== 'test') return fail('sandbox_only');
  return deps.store.transaction(async (tx) => {
    const user = await tx.findConnectUser(input, { forUpdate: true });
    if (!user) return null;
    const latest = await tx.findLatestSessionForConnectUser(user.id);
    if (latest?.status === 'PENDING' && latest.expiresAt > deps.clock.now()) {
      return forceSandboxOutcome(tx, deps, latest, outcome);
    }
    if (latest?.status === 'PENDING') await expireVerificationSession(tx, deps, latest);
    const { session } = await startNewAttempt(tx, deps, user);
    return forceSandboxOutcome(tx, deps, session, outcome);
  });
}
