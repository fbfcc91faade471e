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
};

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
  status: z.enum(['PENDING', 'VERIFIED', 'UNFULFILLABLE', 'REVOKED', 'EXPIRED']),
  reasons: z.array(z.string()),
  redirectUrl: z.string().nullable(),
});
const passkeyStepBody = z.object({
  flowToken: z.string(),
  poyId: z.string(),
  next: z.enum(['challenge', 'complete']),
});

export const flowRoutes: FastifyPluginAsync<{
  verification: CoreContext;
  redirects: RedirectResultDeps;
}> = async (app, { verification, redirects }) => {
  const route = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['hosted flow'];
  const cookieSettings = { secure: new URL(verification.publicUrl).protocol === 'https:' };
  // In this plugin's own scope: no other route parses cookies.
  await app.register(fastifyCookie);

  async function toOutcomeBody(code: string, outcome: FlowOutcome) {
    const view = await loadInviteView(verification, redirects, code);
    return { status: outcome.status, reasons: outcome.reasons, redirectUrl: view?.redirectUrl ?? null };
  }

  route.post(
    '/flow/:code/start',
    {
      schema: {
        tags,
        summary: 'Open the flow on the phone',
        params: codeParams,
        body: z.object({ userAgent: z.string().max(1024), webdriver: z.boolean().default(false) }),
        response: {
          200: z.object({
            status: z.enum(['PENDING', 'VERIFIED', 'UNFULFILLABLE', 'REVOKED', 'EXPIRED']),
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
          userAgent: request.body.userAgent,
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
        tags,
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
        tags,
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
        tags,
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
        tags,
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
        tags,
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
        tags,
        summary: 'Finish: score the attempt and record the result',
        params: codeParams,
        body: z.object({
          flowToken: z.string().min(1).max(128),
          challengeId: z.string().min(1).max(128).nullable(),
          userAgent: z.string().max(1024),
          webdriver: z.boolean(),
          trace: traceSchema.nullable(),
        }),
        response: { 200: outcomeBody },
      },
    },
    async (request) => {
      const { code } = request.params;
      return toOutcomeBody(
        code,
        unwrap(await completeFlow(verification, flowInviteOf(request), request.body)),
      );
    },
  );

  route.post(
    '/flow/:code/sandbox',
    {
      schema: {
        tags,
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
