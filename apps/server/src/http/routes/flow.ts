// The phone flow's JSON endpoints (docs/flow-api.md). No API key: the invite code in the path is the
// capability, and after the passkey step the flow token is. The device secret that binds an invite
// to the device that started it travels in a cookie (flow-device-cookie.ts), read and set only here.
import fastifyCookie from '@fastify/cookie';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreContext } from '../../core/context.ts';
import { completeFlow } from '../../core/verification/flow/complete-flow.ts';
import type { FlowOutcome } from '../../core/verification/flow/flow-outcome.ts';
import type { FlowFailure, FlowResult } from '../../core/verification/flow/flow-result.ts';
import type { FlowInvite } from '../../core/verification/flow/flow-session.ts';
import { issueInteractionChallenge } from '../../core/verification/flow/interaction-challenge.ts';
import {
  issueLivenessChallenge,
  MAX_FRAME_BYTES,
  MAX_LIVENESS_FRAMES,
} from '../../core/verification/flow/liveness-challenge.ts';
import { SKIP_REASONS } from '../../core/verification/flow/liveness-evidence.ts';
import { skipLiveness } from '../../core/verification/flow/liveness-skip.ts';
import { submitLivenessFrames } from '../../core/verification/flow/liveness-submission.ts';
import {
  createIdentityRegistrationOptions,
  verifyIdentityRegistration,
} from '../../core/verification/flow/passkey-registration.ts';
import {
  createIdentityAuthenticationOptions,
  verifyIdentityAuthentication,
} from '../../core/verification/flow/passkey-sign-in.ts';
import { forceSandboxOutcomeForInvite } from '../../core/verification/flow/sandbox-outcome.ts';
import { startFlow } from '../../core/verification/flow/start-flow.ts';
import { loadInviteView } from '../../core/verification/invite-view.ts';
import type { RedirectResultDeps } from '../../core/verification/redirect-result.ts';
import { ApiError } from '../error-registry.ts';
import { readDeviceId, readDeviceSecret, setDeviceCookie, setDeviceIdCookie } from '../flow-device-cookie.ts';
import {
  authenticationResponseSchema,
  creationOptionsSchema,
  registrationResponseSchema,
  requestOptionsSchema,
} from '../schemas/webauthn-json.ts';

const FAILURES: Record<FlowFailure, ApiError> = {
  invite_not_found: new ApiError(
    'not_found',
    'This invite does not exist. Check the link or ask for a new one.',
  ),
  invite_expired: new ApiError('conflict', 'This invite has expired. Ask for a new one.'),
  invite_finished: new ApiError('conflict', 'This invite has already been used.'),
  flow_token_invalid: new ApiError(
    'forbidden',
    'This verification was started in another browser. Start again.',
  ),
  challenge_invalid: new ApiError(
    'invalid_request',
    'The challenge is missing, already used or expired. Start again.',
  ),
  trace_mismatch: new ApiError('invalid_request', 'The challenge answer does not match the challenge.'),
  passkey_invalid: new ApiError('invalid_request', 'The passkey response could not be verified. Try again.'),
  passkey_unknown: new ApiError('not_found', 'No PoY identity uses this passkey. Create one instead.'),
  sandbox_only: new ApiError(
    'forbidden',
    'The outcome simulator is only available in the sandbox (test keys).',
  ),
  identity_has_passkey: new ApiError(
    'conflict',
    'This PoY identity already has a passkey. Choose "I already have a PoY passkey" and sign in with it.',
  ),
  invite_in_use: new ApiError(
    'invite_in_use',
    'This link is being used on another device. Finish there, or ask for a new link.',
  ),
  flow_not_started: new ApiError('conflict', 'Open the invite link on this device first, then try again.'),
  liveness_not_done: new ApiError('conflict', 'Do the camera check first, or choose to continue without it.'),
  liveness_attempts_exhausted: new ApiError(
    'conflict',
    'The camera check has been tried too many times on this link. Finish without it, or ask for a new link.',
  ),
  frames_invalid: new ApiError('invalid_request', 'Each frame must be a JPEG image.'),
  face_analysis_unavailable: new ApiError(
    'service_unavailable',
    'The camera check is not available on this server right now. Try again later.',
  ),
};

/** The user agent as the request itself carries it; never a value the page reports. */
function userAgentOf(request: FastifyRequest): string | null {
  const value = request.headers['user-agent'];
  return typeof value === 'string' && value.length <= 1024 ? value : null;
}

/** The invite in the path and the device secret this browser holds for it. */
function flowInviteOf(request: FastifyRequest<{ Params: { code: string } }>): FlowInvite {
  const { code } = request.params;
  return { code, deviceSecret: readDeviceSecret(request, code) };
}

function unwrap<T>(result: FlowResult<T>): T {
  if (result.ok) return result.value;
  const error = FAILURES[result.reason];
  throw new ApiError(error.type, error.message);
}

const codeParams = z.object({ code: z.string().min(1).max(64) });
const finite = z.number().finite();
const traceSchema = z.object({
  viewport: z.object({ width: finite.positive().max(10_000), height: finite.positive().max(10_000) }),
  rounds: z
    .array(
      z.object({
        start: z.object({ x: finite, y: finite }),
        target: z.object({ x: finite, y: finite, radius: finite.nonnegative() }),
        samples: z
          .array(
            z.object({
              tMs: finite.min(0).max(600_000),
              x: finite,
              y: finite,
              kind: z.enum(['down', 'move', 'up']),
              pointerType: z.enum(['mouse', 'touch', 'pen']),
            }),
          )
          .max(5_000),
      }),
    )
    .max(10),
});

const outcomeBody = z.object({
  status: z.enum(['PENDING', 'IN_REVIEW', 'VERIFIED', 'UNFULFILLABLE', 'REVOKED', 'EXPIRED']),
  reasons: z.array(z.string()),
  redirectUrl: z.string().nullable(),
  assuranceLevel: z.enum(['none', 'passkey', 'liveness', 'unique']).nullable(),
});
const passkeyStepBody = z.object({
  flowToken: z.string(),
  poyId: z.string(),
  next: z.enum(['liveness', 'complete']),
});

/** Base64 of at most MAX_FRAME_BYTES bytes, checked before anything is decoded or stored. */
const MAX_FRAME_BASE64_CHARS = Math.ceil(MAX_FRAME_BYTES / 3) * 4;
// No length limit here: an oversized frame is a 413 (docs/flow-api.md), checked in the handler before
// decoding; the route's body limit bounds what reaches the schema.
const frameSchema = z.object({
  move: z.enum(['center', 'left', 'right', 'up', 'down']),
  image: z
    .string()
    .min(4)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'A frame is a base64-encoded JPEG, without a data: prefix.'),
});
/** The whole upload, as JSON: every frame at its largest, base64-encoded, plus room for the rest. */
const LIVENESS_BODY_LIMIT_BYTES = MAX_LIVENESS_FRAMES * MAX_FRAME_BASE64_CHARS + 16_384;

export const flowRoutes: FastifyPluginAsync<{
  verification: CoreContext;
  redirects: RedirectResultDeps;
}> = async (app, { verification, redirects }) => {
  const route = app.withTypeProvider<ZodTypeProvider>();
  const cookieSettings = { secure: new URL(verification.publicUrl).protocol === 'https:' };
  // In this plugin's own scope: no other route parses cookies.
  await app.register(fastifyCookie);

  async function toOutcomeBody(code: string, outcome: FlowOutcome) {
    const view = await loadInviteView(verification, redirects, code);
    return {
      status: outcome.status,
      reasons: outcome.reasons,
      redirectUrl: view?.redirectUrl ?? null,
      assuranceLevel: outcome.assuranceLevel,
    };
  }

  route.post(
    '/flow/:code/start',
    {
      schema: {
        summary: 'Open the flow on the phone',
        params: codeParams,
        // Accepted for older pages and ignored: the user agent is read from the request's headers.
        body: z.object({ userAgent: z.string().max(1024).optional(), webdriver: z.boolean().optional() }),
        response: {
          200: z.object({
            status: z.enum(['PENDING', 'IN_REVIEW', 'VERIFIED', 'UNFULFILLABLE', 'REVOKED', 'EXPIRED']),
            projectName: z.string(),
            sandbox: z.boolean(),
            dataRequestType: z.string(),
            expiresAt: z.iso.datetime(),
          }),
        },
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      const { newDeviceSecret, newDeviceId, ...started } = unwrap(
        await startFlow(verification, flowInviteOf(request), {
          userAgent: userAgentOf(request) ?? '',
          // Fastify's resolution, under the deployment's trust-proxy setting (config TRUST_PROXY).
          clientIp: request.ip,
          deviceId: readDeviceId(request),
        }),
      );
      if (newDeviceId !== null) setDeviceIdCookie(reply, cookieSettings, newDeviceId);
      if (newDeviceSecret !== null) {
        setDeviceCookie(reply, cookieSettings, {
          code,
          secret: newDeviceSecret,
          expiresAt: started.expiresAt,
          now: verification.clock.now(),
        });
      }
      return { ...started, expiresAt: started.expiresAt.toISOString() };
    },
  );

  route.post(
    '/flow/:code/passkey/registration-options',
    {
      schema: {
        summary: 'WebAuthn creation options for a new PoY identity',
        params: codeParams,
        response: { 200: creationOptionsSchema },
      },
    },
    async (request) => unwrap(await createIdentityRegistrationOptions(verification, flowInviteOf(request))),
  );

  route.post(
    '/flow/:code/passkey/register',
    {
      schema: {
        summary: 'Create the PoY identity from the new passkey',
        params: codeParams,
        body: z.object({ response: registrationResponseSchema }),
        response: { 200: passkeyStepBody },
      },
    },
    async (request) =>
      unwrap(await verifyIdentityRegistration(verification, flowInviteOf(request), request.body.response)),
  );

  route.post(
    '/flow/:code/passkey/authentication-options',
    {
      schema: {
        summary: 'WebAuthn request options for a returning person',
        params: codeParams,
        response: { 200: requestOptionsSchema },
      },
    },
    async (request) => unwrap(await createIdentityAuthenticationOptions(verification, flowInviteOf(request))),
  );

  route.post(
    '/flow/:code/passkey/authenticate',
    {
      schema: {
        summary: 'Recognise a returning person by their passkey',
        params: codeParams,
        body: z.object({ response: authenticationResponseSchema }),
        response: { 200: passkeyStepBody },
      },
    },
    async (request) =>
      unwrap(await verifyIdentityAuthentication(verification, flowInviteOf(request), request.body.response)),
  );

  route.post(
    '/flow/:code/challenge',
    {
      schema: {
        summary: 'The interaction challenge: rounds of drag-the-dot-into-the-ring',
        params: codeParams,
        body: z.object({ flowToken: z.string().min(1).max(128) }),
        response: {
          200: z.object({
            challengeId: z.string(),
            rounds: z.array(
              z.object({
                start: z.object({ x: z.number(), y: z.number() }),
                target: z.object({ x: z.number(), y: z.number(), radius: z.number() }),
              }),
            ),
          }),
        },
      },
    },
    async (request) =>
      unwrap(await issueInteractionChallenge(verification, flowInviteOf(request), request.body.flowToken)),
  );

  route.post(
    '/flow/:code/complete',
    {
      bodyLimit: 1_048_576,
      schema: {
        summary: 'Finish: score the attempt and record the result',
        params: codeParams,
        body: z.object({
          flowToken: z.string().min(1).max(128),
          challengeId: z.string().min(1).max(128).nullable().default(null),
          trace: traceSchema.nullable().default(null),
          // Accepted for older pages and ignored: the server observes these itself.
          userAgent: z.string().max(1024).optional(),
          webdriver: z.boolean().optional(),
        }),
        response: { 200: outcomeBody },
      },
    },
    async (request) => {
      const { code } = request.params;
      const { flowToken, challengeId, trace } = request.body;
      return toOutcomeBody(
        code,
        unwrap(
          await completeFlow(verification, flowInviteOf(request), {
            flowToken,
            challengeId,
            trace,
            userAgent: userAgentOf(request),
          }),
        ),
      );
    },
  );

  route.post(
    '/flow/:code/liveness/challenge',
    {
      schema: {
        summary: 'The camera challenge: a random sequence of head movements',
        params: codeParams,
        body: z.object({ flowToken: z.string().min(1).max(128) }),
        response: {
          200: z.object({
            challengeId: z.string(),
            moves: z.array(z.enum(['left', 'right', 'up', 'down'])),
            moveTimeoutMs: z.number().int(),
            expiresAt: z.iso.datetime(),
            maxFrames: z.number().int(),
            maxFrameBytes: z.number().int(),
            attemptsLeft: z.number().int(),
          }),
        },
      },
    },
    async (request) => {
      const issued = unwrap(
        await issueLivenessChallenge(verification, flowInviteOf(request), request.body.flowToken),
      );
      return { ...issued, expiresAt: issued.expiresAt.toISOString() };
    },
  );

  route.post(
    '/flow/:code/liveness',
    {
      bodyLimit: LIVENESS_BODY_LIMIT_BYTES,
      schema: {
        summary: 'Answer the camera challenge with JPEG frames, which the server analyses',
        params: codeParams,
        body: z.object({
          flowToken: z.string().min(1).max(128),
          challengeId: z.string().min(1).max(128),
          consent: z.literal(true, 'The person must agree to the camera check first.'),
          frames: z.array(frameSchema).min(2).max(MAX_LIVENESS_FRAMES),
        }),
        response: {
          200: z.object({
            passed: z.boolean(),
            reasons: z.array(z.string()),
            attemptsLeft: z.number().int(),
            next: z.enum(['liveness', 'complete']),
          }),
        },
      },
    },
    async (request) => {
      const { flowToken, challengeId, frames } = request.body;
      if (frames.some((frame) => frame.image.length > MAX_FRAME_BASE64_CHARS)) {
        throw new ApiError('payload_too_large', `Each frame may be at most ${MAX_FRAME_BYTES} bytes.`);
      }
      const decoded = frames.map((frame) => ({
        label: frame.move,
        jpeg: Buffer.from(frame.image, 'base64'),
      }));
      if (decoded.some((frame) => frame.jpeg.length > MAX_FRAME_BYTES)) {
        throw new ApiError('payload_too_large', `Each frame may be at most ${MAX_FRAME_BYTES} bytes.`);
      }
      return unwrap(
        await submitLivenessFrames(verification, flowInviteOf(request), {
          flowToken,
          challengeId,
          frames: decoded,
        }),
      );
    },
  );

  route.post(
    '/flow/:code/liveness/skip',
    {
      schema: {
        summary: 'Continue without the camera check, at the passkey level',
        params: codeParams,
        body: z.object({ flowToken: z.string().min(1).max(128), reason: z.enum(SKIP_REASONS) }),
        response: {
          200: z.object({
            next: z.literal('complete'),
            assuranceLevel: z.enum(['none', 'passkey', 'liveness', 'unique']),
            policyMet: z.boolean(),
          }),
        },
      },
    },
    async (request) => unwrap(await skipLiveness(verification, flowInviteOf(request), request.body)),
  );

  route.post(
    '/flow/:code/sandbox',
    {
      schema: {
        summary: 'Sandbox only: force the outcome from the phone page',
        params: codeParams,
        body: z.object({ outcome: z.enum(['verified', 'failed', 'duplicate', 'expired']) }),
        response: { 200: outcomeBody },
      },
    },
    async (request) => {
      const { code } = request.params;
      return toOutcomeBody(
        code,
        unwrap(await forceSandboxOutcomeForInvite(verification, flowInviteOf(request), request.body.outcome)),
      );
    },
  );
};
