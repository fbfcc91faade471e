// Passkeys for a project's own users (docs/api.md §5). The business's backend calls these with its key and
// relays the options to its page, which runs navigator.credentials and posts the result back here.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreContext } from '../../core/context.ts';
import type { PasskeyDeps, PasskeyFailure } from '../../core/passkeys/project-passkeys.ts';
import {
  authenticateWithPasskey,
  createPasskeyAuthenticationOptions,
} from '../../core/passkeys/user-passkey-authentication.ts';
import {
  createPasskeyRegistrationOptions,
  verifyPasskeyRegistration,
} from '../../core/passkeys/user-passkey-registration.ts';
import type { SigningKeyRing } from '../../core/signing/signing-key-ring.ts';
import { requireAuth } from '../auth.ts';
import { ApiError, type ErrorType } from '../error-registry.ts';
import {
  authenticationResponseSchema,
  creationOptionsSchema,
  registrationResponseSchema,
  requestOptionsSchema,
} from '../schemas/webauthn-json.ts';

export interface DeveloperRoutesOptions {
  verification: CoreContext;
  keyRing: SigningKeyRing;
}

const userId = z.string().trim().min(1).max(256).describe('Your id for this user (1–256 characters)');
const assertionFields = authenticationResponseSchema.shape.response.shape;

const REGISTRATION_FAILURES: Partial<Record<PasskeyFailure, [ErrorType, string]>> = {
  challenge_invalid: [
    'invalid_request',
    'The registration challenge is missing, already used, expired, or was issued for another user. Request new options and try again.',
  ],
  passkey_invalid: [
    'invalid_request',
    'The passkey could not be verified (origin, RP id, user verification or attestation). Try again.',
  ],
  credential_exists: ['conflict', 'This passkey is already registered in this project.'],
};

const SIGN_IN_FAILURES: Partial<Record<PasskeyFailure, string>> = {
  challenge_invalid:
    'Passkey sign-in failed: the challenge is missing, already used, expired, or was issued for another project or mode. Request new options.',
  passkey_unknown:
    'Passkey sign-in failed: no passkey with this credentialId is registered in this project and mode.',
  passkey_not_allowed:
    'Passkey sign-in failed: this passkey does not belong to the user the options were requested for.',
  user_handle_invalid:
    'Passkey sign-in failed: the userHandle is missing or does not belong to this passkey.',
  passkey_invalid:
    'Passkey sign-in failed: the assertion did not verify (signature, origin, RP id, user verification or signature counter).',
};

function registrationError(reason: PasskeyFailure): ApiError {
  const [type, message] = REGISTRATION_FAILURES[reason] ?? [
    'invalid_request',
    'The passkey could not be registered.',
  ];
  return new ApiError(type, message);
}

export const passkeysRoutes: FastifyPluginAsync<DeveloperRoutesOptions> = async (
  app,
  { verification, keyRing },
) => {
  const route = app.withTypeProvider<ZodTypeProvider>();
  const security = [{ bearerAuth: [] }];
  const deps: PasskeyDeps = {
    store: verification.store,
    clock: verification.clock,
    secrets: verification.secrets,
    publicUrl: verification.publicUrl,
    keyRing,
  };

  route.post(
    '/api/poy/passkeys/register',
    {
      schema: {
        security,
        summary:
          'Creation options for a new passkey of one of your users (pass them to navigator.credentials.create)',
        body: z.object({ userId, displayName: z.string().trim().min(1).max(128) }),
        response: { 200: creationOptionsSchema },
      },
    },
    async (request) => {
      const { project, mode } = requireAuth(request);
      return createPasskeyRegistrationOptions(deps, {
        project,
        mode,
        userId: request.body.userId,
        displayName: request.body.displayName,
      });
    },
  );

  route.post(
    '/api/poy/passkeys/register/verify',
    {
      schema: {
        security,
        summary: 'Verify and store the new passkey (emits passkey.registered)',
        body: z.object({
          userId,
          credential: registrationResponseSchema.describe('RegistrationResponseJSON'),
        }),
        response: { 200: z.object({ verified: z.boolean(), credentialId: z.string() }) },
      },
    },
    async (request) => {
      const { project, mode } = requireAuth(request);
      const result = await verifyPasskeyRegistration(deps, {
        project,
        mode,
        userId: request.body.userId,
        response: request.body.credential,
      });
      if (!result.ok) throw registrationError(result.reason);
      return { verified: true, credentialId: result.value.credentialId };
    },
  );

  route.post(
    '/api/poy/passkeys/authenticate/options',
    {
      schema: {
        security,
        summary:
          "Request options for a passkey sign-in: the user's passkeys when userId is given, else any discoverable passkey",
        // An empty body is a discoverable sign-in, like {}.
        body: z.object({ userId: userId.optional() }).nullish(),
        response: { 200: requestOptionsSchema },
      },
    },
    async (request) => {
      const { project, mode } = requireAuth(request);
      const result = await createPasskeyAuthenticationOptions(deps, {
        project,
        mode,
        userId: request.body?.userId ?? null,
      });
      if (!result.ok) {
        throw new ApiError('not_found', 'This user has no passkeys in this project (in this key’s mode).');
      }
      return result.value;
    },
  );

  route.post(
    '/api/poy/passkeys/authenticate',
    {
      schema: {
        security,
        summary: 'Verify a passkey assertion and get a signed session token (failures are 401)',
        body: z.object({
          credentialId: authenticationResponseSchema.shape.id,
          authenticatorData: assertionFields.authenticatorData,
          clientDataJSON: assertionFields.clientDataJSON,
          signature: assertionFields.signature,
          userHandle: assertionFields.userHandle,
        }),
        response: {
          200: z.object({
            authenticated: z.boolean(),
            sessionToken: z.string(),
            expiresAt: z.iso.datetime(),
            userId: z.string(),
            credentialId: z.string(),
          }),
        },
      },
    },
    async (request) => {
      const { project, mode } = requireAuth(request);
      const result = await authenticateWithPasskey(deps, { project, mode, assertion: request.body });
      if (!result.ok) {
        throw new ApiError('unauthorized', SIGN_IN_FAILURES[result.reason] ?? 'Passkey sign-in failed.');
      }
      return {
        authenticated: true,
        sessionToken: result.value.session.sessionToken,
        expiresAt: result.value.session.expiresAt.toISOString(),
        userId: result.value.userId,
        credentialId: result.value.credentialId,
      };
    },
  );
};
